import { describe, expect, it } from 'vitest';
import { readRetryAfter } from '#src/llm/providers/read-retry-after.ts';

const NOW = Date.parse('2026-11-22T10:00:00Z');

describe('readRetryAfter', () => {
  it.each([
    [{ 'retry-after-ms': '1500', 'retry-after': '9' }, 1500],
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': 'Sun, 22 Nov 2026 10:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Sun, 22 Nov 2026 09:59:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after-ms': '-5', 'retry-after': '3' }, 3000],
    [{}, undefined],
  ])('reads %j as %s ms', (values, expected) => {
    expect(readRetryAfter(new Headers(values), NOW)).toBe(expected);
  });

  it('returns undefined without headers', () => {
    expect(readRetryAfter(undefined, NOW)).toBeUndefined();
  });
});
