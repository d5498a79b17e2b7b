import { describe, expect, it } from 'vitest';
import { nearestRankPercentile } from '#src/lib/nearest-rank-percentile.ts';

describe('nearestRankPercentile', () => {
  const values = [15, 20, 35, 40, 50];

  it('takes the smallest value at or above the rank ceil(p/100 · n), whatever the input order', () => {
    expect(nearestRankPercentile(values, 30)).toBe(20);
    expect(nearestRankPercentile(values, 40)).toBe(20);
    expect(nearestRankPercentile(values, 50)).toBe(35);
    expect(nearestRankPercentile([50, 15, 40, 35, 20], 100)).toBe(50);
    expect(nearestRankPercentile([50, 15, 40, 35, 20], 95)).toBe(50);
  });

  it('gives the minimum for p0, sorts numerically, and leaves its input alone', () => {
    const input = [10, 9, 100, 2];
    expect(nearestRankPercentile(input, 0)).toBe(2);
    expect(nearestRankPercentile(input, 75)).toBe(10);
    expect(input).toEqual([10, 9, 100, 2]);
  });

  it('is null for no values', () => {
    expect(nearestRankPercentile([], 50)).toBeNull();
  });
});
