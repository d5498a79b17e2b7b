/** How {@link backoffDelay} spreads retries: which part of the exponential ceiling is random. */
export type BackoffJitter = 'full' | 'equal';

/** Options of {@link backoffDelay}. */
export interface BackoffDelayOptions {
  /** How many attempts have failed so far, from 1: after the first failure the ceiling is `baseMs`. */
  attempt: number;
  /** The ceiling after the first failure; it doubles with every further one. */
  baseMs: number;
  /** The longest delay, Retry-After included; default no cap. */
  maxMs?: number | undefined;
  /** `full`: uniform in [0, ceiling); `equal`: the upper half is random, [ceiling/2, ceiling). */
  jitter: BackoffJitter;
  /** Uniform in [0, 1); passed in so that tests are deterministic. */
  random: () => number;
  /** The wait the server asked for: the delay is never shorter, up to `maxMs`. */
  retryAfterMs?: number | undefined;
}

/**
 * Milliseconds to wait before the next attempt: exponential backoff `baseMs·2^(attempt-1)`,
 * capped at `maxMs`, with jitter so that many failed callers do not retry in lockstep, and never
 * shorter than the server's Retry-After (itself capped at `maxMs`). Not rounded: callers that
 * store or compare whole milliseconds round as they need.
 */
export function backoffDelay(options: BackoffDelayOptions): number {
  const maxMs = options.maxMs ?? Number.POSITIVE_INFINITY;
  const ceiling = Math.min(maxMs, options.baseMs * 2 ** Math.max(0, options.attempt - 1));
  const jittered = options.jitter === 'full' ? options.random() * ceiling : ceiling / 2 + options.random() * (ceiling / 2);
  return Math.min(maxMs, Math.max(jittered, options.retryAfterMs ?? 0));
}
