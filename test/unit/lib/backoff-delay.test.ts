import { describe, expect, it } from 'vitest';
import { backoffDelay } from '#src/lib/backoff-delay.ts';

const top = () => 0.999999;

describe('backoffDelay', () => {
  it('with equal jitter, waits between half the ceiling and the ceiling, which doubles per failed attempt', () => {
    expect([1, 2, 3].map((attempt) => backoffDelay({ attempt, baseMs: 100, jitter: 'equal', random: () => 0 }))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((attempt) => backoffDelay({ attempt, baseMs: 100, jitter: 'equal', random: () => 1 }))).toEqual([100, 200, 400]);
    expect(backoffDelay({ attempt: 2, baseMs: 100, jitter: 'equal', random: () => 0.5 })).toBe(150);
  });

  it('with full jitter, grows exponentially below the ceiling (in whole milliseconds, as the notification publisher stores it)', () => {
    expect(
      [1, 2, 3, 4].map((attempt) => Math.floor(backoffDelay({ attempt, baseMs: 500, maxMs: 60_000, jitter: 'full', random: top }))),
    ).toEqual([499, 999, 1999, 3999]);
    expect(backoffDelay({ attempt: 3, baseMs: 500, maxMs: 60_000, jitter: 'full', random: () => 0 })).toBe(0);
    expect(backoffDelay({ attempt: 3, baseMs: 500, maxMs: 60_000, jitter: 'full', random: () => 0.5 })).toBe(1000);
  });

  it('is capped at maxMs however many attempts failed, and uncapped without it', () => {
    expect(Math.floor(backoffDelay({ attempt: 30, baseMs: 500, maxMs: 60_000, jitter: 'full', random: top }))).toBe(59_999);
    expect(backoffDelay({ attempt: 30, baseMs: 500, maxMs: 60_000, jitter: 'equal', random: () => 0 })).toBe(30_000);
    expect(backoffDelay({ attempt: 11, baseMs: 500, jitter: 'equal', random: () => 1 })).toBe(512_000);
  });

  it("honours the server's Retry-After up to the cap", () => {
    expect(backoffDelay({ attempt: 1, baseMs: 500, maxMs: 60_000, jitter: 'full', random: () => 0, retryAfterMs: 5000 })).toBe(5000);
    expect(backoffDelay({ attempt: 1, baseMs: 500, maxMs: 60_000, jitter: 'full', random: () => 0, retryAfterMs: 3_600_000 })).toBe(60_000);
    expect(backoffDelay({ attempt: 1, baseMs: 500, jitter: 'equal', random: () => 0, retryAfterMs: 3_600_000 })).toBe(3_600_000);
    expect(backoffDelay({ attempt: 4, baseMs: 500, jitter: 'equal', random: () => 1, retryAfterMs: 1000 })).toBe(4000);
  });

  it('counts an attempt below 1 as the first', () => {
    expect(backoffDelay({ attempt: 0, baseMs: 100, jitter: 'equal', random: () => 1 })).toBe(100);
  });
});
