/**
 * Delay before the next attempt after `attempt` (1-based) attempts failed: exponential from
 * `baseMs`, capped at `maxMs`, with full jitter (uniform in [0, cap)) so many failed notifications
 * do not retry in lockstep. A receiver's Retry-After is honoured up to `maxMs`.
 */
export function retryDelay(options: { attempt: number; baseMs: number; maxMs: number; random: () => number; retryAfterMs?: number | undefined }): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, options.attempt - 1));
  const jittered = Math.floor(options.random() * ceiling);
  return Math.min(options.maxMs, Math.max(jittered, options.retryAfterMs ?? 0));
}
