/** The longest a vendor's Retry-After is honoured before the router moves to the next provider instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Delay before retry number `attempt` (0-based): exponential from `baseMs` with full jitter in its
 * upper half, and never shorter than the vendor's Retry-After.
 */
export function backoffDelay(attempt: number, baseMs: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const exponential = baseMs * 2 ** attempt;
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
