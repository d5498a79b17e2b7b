import { describe, expect, it } from 'vitest';
import { AosError } from '#src/observability/aos-error.ts';
import { ConfigError } from '#src/config/index.ts';

describe('ConfigError', () => {
  it('is a non-retryable AosError with exit code 2 and a one-line message', () => {
    const error = new ConfigError([
      { file: 'policies/finops.yaml', path: 'phases.phase_1.daily_cap_eur', problem: 'must be a number', line: 4 },
    ]);
    expect(error).toBeInstanceOf(AosError);
    expect(error).toMatchObject({ code: 'config_invalid', retryable: false, exitCode: 2, name: 'ConfigError', line: 4 });
    expect(error.message).toBe('policies/finops.yaml:4: phases.phase_1.daily_cap_eur: must be a number');
  });

  it('omits an unknown line and an empty path, and keeps each problem on one line', () => {
    const error = new ConfigError([
      { file: 'a.yaml', path: '', problem: 'file not found' },
      { file: 'b.yaml', path: 'x', problem: 'first\nsecond' },
    ]);
    expect(error.message).toBe('a.yaml: file not found\nb.yaml: x: first second');
    expect(error).toMatchObject({ file: 'a.yaml', path: '', problem: 'file not found' });
  });
});
