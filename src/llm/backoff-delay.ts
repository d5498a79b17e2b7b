import { backoffDelay as exponentialBackoff } from '../lib/backoff-delay.ts';

export { MAX_RETRY_AFTER_MS } from '../lib/parse-retry-after.ts';

/**
 * The router's reading of the shared backoff: delay before retry number `attempt` (0-based, so
 * retry 0 follows the first failed attempt), with equal jitter, in whole milliseconds, and never
 * shorter than the vendor's Retry-After (the router fails over rather than wait past
 * `MAX_RETRY_AFTER_MS`, so no cap here).
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  return Math.round(exponentialBackoff({ attempt: attempt + 1, baseMs, jitter: 'equal', random, retryAfterMs }));
}
