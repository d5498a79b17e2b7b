/**
 * The longest Retry-After aos honours: one answer must not stall a check run, and a model vendor
 * that asks for longer is failed over instead of waited for.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * A Retry-After header value in milliseconds: delay-seconds (a fraction is accepted and rounded
 * up) or an HTTP date, measured from `now`; a date in the past gives 0. Undefined when the value is
 * absent, blank or neither. Not capped: callers bound it with {@link MAX_RETRY_AFTER_MS} (a cap
 * here would hide from the model router that a vendor asked for longer).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DECIMAL.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
