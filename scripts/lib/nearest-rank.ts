/**
 * The nearest-rank percentile `p` (0–100) of `values`, the same definition the benchmark
 * scripts use (scripts/bench/lib/percentiles.ts); null for no values.
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
