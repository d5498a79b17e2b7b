import { describe, expect, it } from 'vitest';
import { retryDelay } from '#src/notify/retry-delay.ts';

describe('retryDelay', () => {
  it('grows exponentially with full jitter below the ceiling', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4].map((attempt) => retryDelay({ attempt, baseMs: 500, maxMs: 60_000, random: top }))).toEqual([499, 999, 1999, 3999]);
    expect(retryDelay({ attempt: 3, baseMs: 500, maxMs: 60_000, random: () => 0 })).toBe(0);
    expect(retryDelay({ attempt: 3, baseMs: 500, maxMs: 60_000, random: () => 0.5 })).toBe(1000);
  });

  it('is capped at maxMs however many attempts failed', () => {
    expect(retryDelay({ attempt: 30, baseMs: 500, maxMs: 60_000, random: () => 0.999999 })).toBe(59_999);
  });

  it("honours the receiver's Retry-After up to the cap", () => {
    expect(retryDelay({ attempt: 1, baseMs: 500, maxMs: 60_000, random: () => 0, retryAfterMs: 5000 })).toBe(5000);
    expect(retryDelay({ attempt: 1, baseMs: 500, maxMs: 60_000, random: () => 0, retryAfterMs: 3_600_000 })).toBe(60_000);
  });
});
