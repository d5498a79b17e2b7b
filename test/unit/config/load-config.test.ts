import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/index.ts';
import { makeConfigDir, thrown } from './temp-config-dir.ts';

const ROUTING = 'configs/model_routing.yaml';
const FINOPS = 'policies/finops.yaml';
const RESIDENCY = 'configs/vendor_residency.yaml';

/** The 1-based line of the first line of `file` in `dir` that contains `needle`. */
function lineOf(dir: string, file: string, needle: string): number {
  return fs.readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('loadConfig', () => {
  it('names the missing file', () => {
    const dir = makeConfigDir();
    fs.rmSync(path.join(dir, ROUTING));
    const error = thrown(() => loadConfig({ configDir: dir })) as unknown as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`${path.join(dir, ROUTING)}: file not found`);
  });

  it('refuses routing to a provider that finops does not declare, naming file, line and path', () => {
    const dir = makeConfigDir({ [ROUTING]: (text) => text.replace('fallbacks: [openai, local]', 'fallbacks: [openai, mistral]').replace('  local:\n    model:', '  mistral:\n    model: x\n    latency: 0.5\n    accuracy: 0.5\n  local:\n    model:') });
    const error = thrown(() => loadConfig({ configDir: dir }));
    const line = lineOf(dir, ROUTING, 'fallbacks: [openai, mistral]');
    expect(error.message.split('\n')).toEqual([
      `${path.join(dir, ROUTING)}:${line}: task_types.coding.fallbacks[1]: unknown provider 'mistral': not declared under providers in ${path.join(dir, FINOPS)}`,
      `${path.join(dir, ROUTING)}:${lineOf(dir, ROUTING, '  mistral:')}: providers.mistral: unknown provider 'mistral': not declared under providers in ${path.join(dir, FINOPS)}`,
    ]);
  });

  it('refuses a routing model without a price in finops', () => {
    const dir = makeConfigDir({ [ROUTING]: (text) => text.replace('model: gpt-4o', 'model: gpt-5') });
    expect(thrown(() => loadConfig({ configDir: dir })).message).toContain(
      `providers.openai.model: model 'gpt-5' has no price under providers.openai.models in ${path.join(dir, FINOPS)}`,
    );
  });

  it('refuses a finops provider without a residency entry', () => {
    const dir = makeConfigDir({ [RESIDENCY]: (text) => text.slice(0, text.indexOf('  local:')) });
    expect(thrown(() => loadConfig({ configDir: dir })).message).toBe(
      `${path.join(dir, RESIDENCY)}:${lineOf(dir, RESIDENCY, 'vendors:')}: vendors.local: missing: provider 'local' is declared in ${path.join(dir, FINOPS)} but has no residency entry`,
    );
  });

  it('lists the problems of all files at once', () => {
    const dir = makeConfigDir({
      [FINOPS]: (text) => text.replace('daily_cap_eur: 900', 'daily_cap_eur: 90000'),
      [ROUTING]: (text) => text.replace('cost: 0.4', 'cost: 0.2'),
    });
    const lines = thrown(() => loadConfig({ configDir: dir })).message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`${path.join(dir, FINOPS)}:${lineOf(dir, FINOPS, 'daily_cap_eur: 90000')}: phases.phase_3.daily_cap_eur: daily cap (90000 EUR) is greater than the monthly cap (22000 EUR)`);
    expect(lines[1]).toContain(`${path.join(dir, ROUTING)}:${lineOf(dir, ROUTING, 'weights:')}: weights: weights must sum to 1`);
  });

  it('replaces vendor endpoints by the environment and records which variable did it', () => {
    const config = loadConfig({ configDir: makeConfigDir(), env: { ANTHROPIC_BASE_URL: 'https://bedrock-runtime.eu-central-1.amazonaws.com' } });
    expect(config.residency.vendors.anthropic).toMatchObject({ endpoint: 'https://bedrock-runtime.eu-central-1.amazonaws.com', endpoint_env: 'ANTHROPIC_BASE_URL' });
    expect(config.residency.vendors.openai).toMatchObject({ endpoint: 'https://eu.api.openai.com/v1', endpoint_env: null });
  });
});
