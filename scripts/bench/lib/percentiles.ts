import { nearestRankPercentile } from '../../../src/lib/nearest-rank-percentile.ts';

/** p50/p95/p99 (nearest-rank) of a list of latencies in milliseconds. */
export function percentiles(samples: number[]): { p50: number; p95: number; p99: number } {
  if (samples.length === 0) throw new Error('no samples to summarise');
  const rank = (p: number) => nearestRankPercentile(samples, p)!;
  return { p50: rank(50), p95: rank(95), p99: rank(99) };
}

/** Milliseconds taken by `work`, measured with the monotonic high-resolution clock. */
export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
