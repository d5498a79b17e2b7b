/** Longest wait aos accepts from a Retry-After header, so one answer cannot stall a check run. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1): the server's
 * Retry-After (seconds or an HTTP date) when it sent one, capped; else exponential backoff with
 * equal jitter, `base·2^(attempt-1)` of which the upper half is random.
 */
export function retryDelay(attempt: number, baseDelayMs: number, retryAfter: string | null, random: () => number, now = Date.now()): number {
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
  }
  const ceiling = baseDelayMs * 2 ** (attempt - 1);
  return ceiling / 2 + random() * (ceiling / 2);
}
