import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigProblem, inspectConfig, loadConfig } from '#src/config/index.ts';
import { DEPRECATED_NAMES, makeConfigDir, PROJECT_ROOT, SHIPPED } from './temp-config-dir.ts';

const OLD = Object.fromEntries(SHIPPED.map((file) => [file, DEPRECATED_NAMES]));
const FINOPS = 'policies/finops.yaml';
const ROUTING = 'configs/model_routing.yaml';
const RESIDENCY = 'configs/vendor_residency.yaml';

/** The 1-based line of the first line of `file` in `dir` that contains `needle`. */
const lineOf = (dir: string, file: string, needle: string) =>
  fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(needle)) + 1;

describe('files written with the names aos used before the specification', () => {
  it('still load, with one deprecation line per renamed key naming the new key', () => {
    const dir = makeConfigDir({}, OLD);
    const warnings: string[] = [];
    loadConfig({ configDir: dir, onWarning: (line) => warnings.push(line) });
    const relative = warnings.map((line) => line.replace(`${dir}${path.sep}`, ''));
    expect(relative).toEqual([
      'policies/finops.yaml:7: active_phase: deprecated: write active_phase: 1',
      'policies/finops.yaml:11: phases.phase_1: deprecated: number the phases (phase_1 → 1) (also on lines 14, 17)',
      'policies/finops.yaml:12: phases.phase_1.daily_cap_eur: deprecated: use daily_eur_cap (also on lines 15, 18)',
      'policies/finops.yaml:13: phases.phase_1.monthly_cap_eur: deprecated: use monthly_eur_cap (also on lines 16, 19)',
      'policies/finops.yaml:36: providers.openai.max_tokens_per_request: deprecated: use phases.<n>.providers.<name>.max_tokens (per phase) (also on lines 50, 67)',
      'policies/finops.yaml:37: providers.openai.max_tokens_per_day: deprecated: use phases.<n>.providers.<name>.max_tokens_per_day (per phase) (also on lines 51, 68)',
      `policies/finops.yaml:38: providers.openai.models: deprecated: move each model's prices and limits to ${path.join(dir, ROUTING)} providers.<name>.prices, .limits or .cost_per_1k_tokens (also on lines 52, 69)`,
      'policies/finops.yaml:76: alerts.threshold: deprecated: use threshold_percent (80 instead of 0.8)',
      'policies/finops.yaml:77: alerts.channels[0]: deprecated: write each channel as {type: slack, destination: ...}',
      'configs/model_routing.yaml:16: task_types.planning.preferred: deprecated: use preferred_provider (also on lines 19, 22)',
      'configs/model_routing.yaml:17: task_types.planning.fallbacks: deprecated: use fallback (a provider, or a list of them) (also on lines 20, 23)',
      'configs/model_routing.yaml:39: providers.openai.model: deprecated: use models, one per task type (planning, coding, review) (also on lines 43, 47)',
      'configs/model_routing.yaml:40: providers.openai.latency: deprecated: use base_latency_ms (the response time in ms) (also on lines 44, 48)',
      'configs/vendor_residency.yaml:6: enforce_eu_residency: deprecated: use enforcement.enforce_eu_residency',
      'configs/vendor_residency.yaml:7: block_non_eu_requests: deprecated: use enforcement.block_non_eu_requests',
      'configs/vendor_residency.yaml:8: audit_all_requests: deprecated: use enforcement.log_all_requests',
      'configs/vendor_residency.yaml:52: vendors.local.data_retention: deprecated: write false (nothing is kept) instead of none',
    ]);
  });

  it('mean the same as the shipped files in the new names', () => {
    const quiet = { onWarning: () => undefined };
    const old = loadConfig({ configDir: makeConfigDir({}, OLD), ...quiet });
    const shipped = loadConfig({ configDir: PROJECT_ROOT, ...quiet });
    expect(old.finops).toEqual(shipped.finops);
    expect(old.routing.task_types).toEqual(shipped.routing.task_types);
    expect(old.routing.weights).toEqual(shipped.routing.weights);
    for (const name of ['openai', 'anthropic', 'local'])
      expect(old.routing.providers[name]?.models).toEqual(shipped.routing.providers[name]?.models);
    expect(old.residency.enforcement).toEqual(shipped.residency.enforcement);
    for (const name of ['openai', 'anthropic', 'local']) {
      const { compliance: _old, ...oldVendor } = old.residency.vendors[name]!;
      const { compliance: _new, ...newVendor } = shipped.residency.vendors[name]!;
      expect(oldVendor).toEqual(newVendor);
    }
  });

  it('refuse an old and a new spelling of one setting with different values, naming both', () => {
    const dir = makeConfigDir({ [FINOPS]: (text) => text.replace('daily_eur_cap: 450', 'daily_eur_cap: 450\n    daily_cap_eur: 500') });
    const inspection = inspectConfig({ configDir: dir });
    expect(inspection.config).toBeNull();
    expect(inspection.problems.map(formatConfigProblem)).toEqual([
      `${path.join(dir, FINOPS)}:${lineOf(dir, FINOPS, 'daily_cap_eur: 500')}: phases.1.daily_cap_eur: conflicts with phases.1.daily_eur_cap (line ${lineOf(dir, FINOPS, 'daily_eur_cap: 450')}): 500 here, 450 there; give this setting once`,
    ]);
  });

  it('refuse the same price given in two files with different values', () => {
    const dir = makeConfigDir({
      [FINOPS]: (text) =>
        `${text}\nproviders:\n  openai:\n    models:\n      gpt-4o: { input_per_1k_eur: 0.002, output_per_1k_eur: 0.0087 }\n`,
    });
    const problems = inspectConfig({ configDir: dir }).problems.map(formatConfigProblem);
    expect(problems).toEqual([
      `${path.join(dir, FINOPS)}:${lineOf(dir, FINOPS, 'gpt-4o: { input_per_1k_eur: 0.002,')}: providers.openai.models.gpt-4o: conflicts with ${path.join(dir, ROUTING)} providers.openai.prices.gpt-4o (line ${lineOf(dir, ROUTING, 'gpt-4o: { input_per_1k_eur: 0.002175')}): {"input_per_1k_eur":0.002,"output_per_1k_eur":0.0087} here, {"input_per_1k_eur":0.002175,"output_per_1k_eur":0.0087} there; give this setting once`,
    ]);
  });

  it('refuse a price given twice in one provider, as one rate and as two that differ', () => {
    const dir = makeConfigDir({
      [ROUTING]: (text) =>
        text.replace('    prices:\n      gpt-4o:', '    cost_per_1k_tokens:\n      gpt-4o: 0.002175\n    prices:\n      gpt-4o:'),
    });
    expect(inspectConfig({ configDir: dir }).problems.map(formatConfigProblem)).toEqual([
      `${path.join(dir, ROUTING)}:${lineOf(dir, ROUTING, 'gpt-4o: 0.002175')}: providers.openai.cost_per_1k_tokens.gpt-4o: conflicts with prices.gpt-4o (0.002175 in, 0.0087 out): price a model in one place`,
    ]);
  });

  it('accept an old and a new spelling of one setting with the same value, with the deprecation line', () => {
    const dir = makeConfigDir({ [RESIDENCY]: (text) => `block_non_eu_requests: true\n${text}` });
    const inspection = inspectConfig({ configDir: dir });
    expect(inspection.problems).toEqual([]);
    expect(inspection.warnings.map(formatConfigProblem)).toEqual([
      `${path.join(dir, RESIDENCY)}:1: block_non_eu_requests: deprecated: use enforcement.block_non_eu_requests`,
    ]);
  });
});
