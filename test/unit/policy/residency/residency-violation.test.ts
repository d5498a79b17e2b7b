import { describe, expect, it } from 'vitest';
import { AosError, isAosError } from '#src/observability/aos-error.ts';
import { ResidencyViolation } from '#src/policy/residency/residency-violation.ts';

describe('ResidencyViolation', () => {
  it('is a non-retryable AosError naming every blocked provider and why', () => {
    const error = new ResidencyViolation([
      { provider: 'anthropic', reason: 'anthropic endpoint api.anthropic.com is not an EU host' },
      { provider: 'local', reason: 'local endpoint 8.8.8.8 is a public IP address' },
    ]);
    expect(error).toBeInstanceOf(AosError);
    expect(isAosError(error, 'residency_violation')).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.name).toBe('ResidencyViolation');
    expect(error.message).toContain('- **anthropic**: anthropic endpoint api.anthropic.com is not an EU host');
    expect(error.message).toContain('- **local**: local endpoint 8.8.8.8 is a public IP address');
    expect(error.message).toContain('nothing was sent');
    expect(error.blocked).toHaveLength(2);
  });
});
