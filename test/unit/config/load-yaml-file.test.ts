import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, finopsSchema, loadYamlFile, parseYamlText } from '#src/config/index.ts';
import { makeTempDir, thrown } from './temp-config-dir.ts';

const PHASE_FILE = `active_phase: 1
phases:
  1:
    daily_eur_cap: 450
    monthly_eur_cap: 12000
    providers:
      openai:
        max_tokens: 1000
        max_tokens_per_day: 100000
        models: [gpt-4o, "Qwen/Qwen2.5-Coder"]
alerts:
  threshold_percent: 80
  channels: [{ type: slack }]
  burn_rate_forecast: false
`;

/** The ConfigError thrown by parsing `text` as policies/finops.yaml. */
function finopsError(text: string): ConfigError {
  const error = thrown(() => parseYamlText(text, finopsSchema, 'policies/finops.yaml'));
  expect(error).toBeInstanceOf(ConfigError);
  return error as unknown as ConfigError;
}

describe('loadYamlFile', () => {
  it('loads and validates a file', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'finops.yaml');
    fs.writeFileSync(file, PHASE_FILE);
    expect(loadYamlFile(file, finopsSchema).phases['1']).toMatchObject({ daily_eur_cap: 450, monthly_eur_cap: 12000 });
  });

  it('names a missing file', () => {
    const file = path.join(makeTempDir(), 'policies', 'finops.yaml');
    const error = thrown(() => loadYamlFile(file, finopsSchema)) as unknown as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`${file}: file not found`);
    expect(error.exitCode).toBe(2);
    expect(error.code).toBe('config_invalid');
  });
});

describe('parseYamlText', () => {
  it('reports unparseable YAML with its line', () => {
    const error = finopsError('active_phase: 1\nphases:\n  1: daily_eur_cap: 450\n');
    expect(error.message).toBe('policies/finops.yaml:3: YAML syntax error: Nested mappings are not allowed in compact mappings');
    expect(error.line).toBe(3);
  });

  it('reports a duplicate key as a syntax error with its line', () => {
    const error = finopsError(PHASE_FILE.replace('alerts:', 'active_phase: 2\nalerts:'));
    expect(error.message).toBe('policies/finops.yaml:11: YAML syntax error: Map keys must be unique');
  });

  it('reports an unknown key with its path and line instead of dropping it', () => {
    const error = finopsError(PHASE_FILE.replace('    daily_eur_cap: 450', '    daily_eur_cap: 450\n    daily_eur_caps: 450'));
    expect(error.message).toBe('policies/finops.yaml:5: phases.1.daily_eur_caps: unknown key (not allowed here; check the spelling)');
    expect(error.path).toBe('phases.1.daily_eur_caps');
    expect(error.file).toBe('policies/finops.yaml');
  });

  it('reports a wrong type with the expected type', () => {
    const error = finopsError(PHASE_FILE.replace('monthly_eur_cap: 12000', 'monthly_eur_cap: lots'));
    expect(error.message).toBe('policies/finops.yaml:5: phases.1.monthly_eur_cap: Invalid input: expected number, received string');
  });

  it('reports a missing required key at the line of its parent', () => {
    const error = finopsError(PHASE_FILE.replace('    monthly_eur_cap: 12000\n', ''));
    expect(error.message).toBe('policies/finops.yaml:3: phases.1.monthly_eur_cap: missing required key (expected number)');
  });

  it('lists every problem of a file, one line each, each starting with the file name', () => {
    const error = finopsError(
      PHASE_FILE.replace('threshold_percent: 80', 'threshold_percent: 150').replace(
        'channels: [{ type: slack }]',
        'channels: [{ type: slack }, { type: pager }]',
      ),
    );
    expect(error.message.split('\n')).toEqual([
      'policies/finops.yaml:12: alerts.threshold_percent: threshold_percent must be at most 100',
      'policies/finops.yaml:13: alerts.channels[1].type: Invalid option: expected one of "slack"|"email"|"webhook"',
    ]);
    expect(error.problems).toHaveLength(2);
  });

  it('quotes keys that contain dots or slashes in the path', () => {
    const error = finopsError(PHASE_FILE.replace('    providers:\n      openai:', '    providers:\n      "open.ai":'));
    expect(error.message).toBe(
      'policies/finops.yaml:7: phases.1.providers["open.ai"]: provider names are lower-case letters, digits, "_" and "-"',
    );
  });

  it('says so when the file is empty', () => {
    expect(finopsError('# nothing yet\n').message).toBe('policies/finops.yaml: file is empty (expected a YAML mapping)');
  });
});
