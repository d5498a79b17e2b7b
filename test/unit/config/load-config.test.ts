import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#src/config/index.ts';
import { makeConfigDir, thrown } from './temp-config-dir.ts';

const ROUTING = 'configs/model_routing.yaml';
const FINOPS = 'policies/finops.yaml';
const RESIDENCY = 'configs/vendor_residency.yaml';

/** The 1-based line of the first line of `file` in `dir` that contains `needle`. */
function lineOf(dir: string, file: string, needle: string): number {
  const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
  // A needle starting with a newline matches a whole line, not a mention in a comment.
  return (needle.startsWith('\n') ? lines.indexOf(needle.slice(1)) : lines.findIndex((line) => line.includes(needle))) + 1;
}

describe('loadConfig', () => {
  it('names the missing file', () => {
    const dir = makeConfigDir();
    fs.rmSync(path.join(dir, ROUTING));
    const error = thrown(() => loadConfig({ configDir: dir })) as unknown as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`${path.join(dir, ROUTING)}: file not found`);
  });

  it('refuses a route to a provider without a model for that task, naming file, line and path', () => {
    const dir = makeConfigDir({ [ROUTING]: (text) => text.replace('      coding: claude-sonnet-4-20250514\n', '') });
    expect(thrown(() => loadConfig({ configDir: dir })).message).toBe(
      `${path.join(dir, ROUTING)}:${lineOf(dir, ROUTING, 'planning: claude-sonnet-4-20250514') - 1}: providers.anthropic.models: no model for coding: anthropic serves coding (task_types.coding)`,
    );
  });

  it('refuses a routed model without a price', () => {
    const dir = makeConfigDir({ [ROUTING]: (text) => text.replace('planning: gpt-4o', 'planning: gpt-5') });
    expect(thrown(() => loadConfig({ configDir: dir })).message).toBe(
      `${path.join(dir, ROUTING)}:${lineOf(dir, ROUTING, 'planning: gpt-5')}: providers.openai.models.planning: model 'gpt-5' has no price: add providers.openai.cost_per_1k_tokens.gpt-5 or providers.openai.prices.gpt-5; aos refuses to call a model it cannot cost`,
    );
  });

  it('refuses a routed provider without a residency entry', () => {
    const dir = makeConfigDir({
      [RESIDENCY]: (text) => text.slice(0, text.indexOf('  local:')) + text.slice(text.indexOf('enforcement:')),
    });
    expect(thrown(() => loadConfig({ configDir: dir })).message).toBe(
      `${path.join(dir, RESIDENCY)}:${lineOf(dir, RESIDENCY, '\nvendors:')}: vendors.local: missing: provider 'local' is in ${path.join(dir, ROUTING)} but has no residency entry, so it could never be called`,
    );
  });

  it('refuses phase limits for a provider routing does not know', () => {
    const dir = makeConfigDir({
      [FINOPS]: (text) =>
        text.replace(
          '      local:\n        max_tokens: 32768',
          '      mistral:\n        max_tokens: 1000\n      local:\n        max_tokens: 32768',
        ),
    });
    expect(thrown(() => loadConfig({ configDir: dir })).message.split('\n')).toEqual(
      ['1', '2', '3'].map(
        (phase) =>
          `${path.join(dir, FINOPS)}:${lineOf(dir, FINOPS, 'mistral:')}: phases.${phase}.providers.mistral: unknown provider 'mistral': not under providers in ${path.join(dir, ROUTING)}`,
      ),
    );
  });

  it('lists the problems of all files at once', () => {
    const dir = makeConfigDir({
      [FINOPS]: (text) => text.replace('daily_eur_cap: 900', 'daily_eur_cap: 90000'),
      [ROUTING]: (text) => text.replace('cost: 0.4', 'cost: 0.2'),
    });
    const lines = thrown(() => loadConfig({ configDir: dir })).message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(
      `${path.join(dir, FINOPS)}:${lineOf(dir, FINOPS, 'daily_eur_cap: 90000')}: phases.3.daily_eur_cap: daily cap (90000 EUR) is greater than the monthly cap (22000 EUR)`,
    );
    expect(lines[1]).toContain(`${path.join(dir, ROUTING)}:${lineOf(dir, ROUTING, 'weights:')}: weights: weights must sum to 1`);
  });

  it('replaces vendor endpoints by the environment and records which variable did it', () => {
    const config = loadConfig({
      configDir: makeConfigDir(),
      env: { ANTHROPIC_BASE_URL: 'https://bedrock-runtime.eu-central-1.amazonaws.com' },
    });
    expect(config.residency.vendors.anthropic).toMatchObject({
      endpoint: 'https://bedrock-runtime.eu-central-1.amazonaws.com',
      endpoint_env: 'ANTHROPIC_BASE_URL',
    });
    expect(config.residency.vendors.openai).toMatchObject({ endpoint: 'https://eu.api.openai.com/v1', endpoint_env: null });
  });
});
