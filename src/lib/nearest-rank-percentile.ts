/**
 * The nearest-rank percentile `p` (0–100) of `values`: the smallest value that at least `p`% of
 * the values are at or below (p0 is the minimum). Null for no values.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
