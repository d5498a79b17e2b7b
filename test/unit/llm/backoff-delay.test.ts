import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_RETRY_AFTER_MS } from '#src/llm/backoff-delay.ts';

describe('backoffDelay (the router)', () => {
  it('numbers retries from 0 and rounds to whole milliseconds', () => {
    expect([0, 1, 2].map((attempt) => backoffDelay(attempt, 500, undefined, () => 0.5))).toEqual([375, 750, 1500]);
    expect(backoffDelay(0, 3, undefined, () => 0.5)).toBe(2);
  });

  it("never waits less than the vendor's Retry-After, and does not cap it", () => {
    expect(backoffDelay(0, 500, 2000, () => 0.5)).toBe(2000);
    expect(backoffDelay(0, 500, MAX_RETRY_AFTER_MS * 2, () => 0)).toBe(120_000);
    expect(backoffDelay(3, 500, 100, () => 1)).toBe(4000);
  });
});
