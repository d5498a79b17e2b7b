import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigProblem, inspectConfig } from '#src/config/index.ts';
import { makeConfigDir, SHIPPED, SPEC_SAMPLES } from './temp-config-dir.ts';

const ALL_SAMPLES = Object.fromEntries(SHIPPED.map((file) => [file, SPEC_SAMPLES]));

/** One wrong value in one sample file, and the single line aos must answer with. */
const CASES = [
  {
    file: 'policies/finops.yaml',
    from: 'daily_eur_cap: 650',
    to: 'daily_eur_cap: lots',
    at: 'daily_eur_cap: lots',
    path: 'phases.2.daily_eur_cap',
    problem: 'Invalid input: expected number, received string',
  },
  {
    file: 'policies/finops.yaml',
    from: 'threshold_percent: 80',
    to: 'threshold_percent: 180',
    at: 'threshold_percent',
    path: 'alerts.threshold_percent',
    problem: 'threshold_percent must be at most 100',
  },
  {
    file: 'policies/finops.yaml',
    from: '"finops@example.com"',
    to: '"finops at example"',
    at: 'finops at example',
    path: 'alerts.channels[1].destination',
    problem: 'must be an e-mail address',
  },
  {
    file: 'policies/finops.yaml',
    from: '        max_tokens: 80000',
    to: '        max_tokenz: 80000',
    at: 'max_tokenz',
    path: 'phases.1.providers.openai.max_tokenz',
    problem: 'unknown key (not allowed here; check the spelling)',
  },
  {
    file: 'configs/model_routing.yaml',
    from: 'base_latency_ms: 1200',
    to: 'base_latency_ms: -5',
    at: 'base_latency_ms: -5',
    path: 'providers.anthropic.base_latency_ms',
    problem: 'Too small: expected number to be >=0',
  },
  {
    file: 'configs/model_routing.yaml',
    from: 'preferred_provider: anthropic',
    to: 'preferred_provider: mistral',
    at: 'preferred_provider: mistral',
    path: 'task_types.coding.preferred_provider',
    problem: "provider 'mistral' has no entry under providers in this file",
  },
  {
    file: 'configs/model_routing.yaml',
    from: 'gpt-4o: 0.0025',
    to: 'gpt-4o: free',
    at: 'gpt-4o: free',
    path: 'providers.openai.cost_per_1k_tokens.gpt-4o',
    problem: 'Invalid input: expected number, received string',
  },
  {
    file: 'configs/vendor_residency.yaml',
    from: 'data_retention: true',
    to: 'data_retention: sometimes',
    at: 'data_retention: sometimes',
    path: 'vendors.local.data_retention',
    problem: 'must be true, false or a whole number of days',
  },
  {
    file: 'configs/vendor_residency.yaml',
    from: 'alert_on_violation: true',
    to: 'alert_on_violation: yes please',
    at: 'alert_on_violation',
    path: 'enforcement.alert_on_violation',
    problem: 'Invalid input: expected boolean, received string',
  },
  {
    file: 'configs/vendor_residency.yaml',
    from: '"https://api.anthropic.com/v1"',
    to: '"api.anthropic.com"',
    at: 'endpoint: "api.anthropic.com"',
    path: 'vendors.anthropic.endpoint',
    problem: 'must be an http:// or https:// URL',
  },
];

describe('a sample file with one wrong value', () => {
  it.each(CASES)('$file: $path gives one line naming file, line, path and problem', ({ file, from, to, at, path: where, problem }) => {
    const dir = makeConfigDir(
      {
        [file]: (text) => {
          expect(text).toContain(from);
          return text.replace(from, to);
        },
      },
      ALL_SAMPLES,
    );
    const line =
      fs
        .readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .findIndex((text) => text.includes(at)) + 1;
    const inspection = inspectConfig({ configDir: dir });
    expect(inspection.config).toBeNull();
    expect(inspection.problems.map(formatConfigProblem)).toEqual([`${path.join(dir, file)}:${line}: ${where}: ${problem}`]);
  });
});
