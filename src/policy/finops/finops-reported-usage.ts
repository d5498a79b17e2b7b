/**
 * The most tokens one count of one call may claim. No model has a context window near a billion
 * tokens; a count above it is a broken or hostile report, not a bill.
 */
export const MAX_REPORTED_TOKENS = 1_000_000_000;

/** Whether token counts can be charged as they are. */
export type UsageJudgement = { ok: true } | { ok: false; reason: string };

const describe = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * Judges token counts as a vendor reported them, by name (`prompt_tokens`, `inputTokens`, ...):
 * each must be a whole number from 0 to {@link MAX_REPORTED_TOKENS}, and together they must fit
 * the model's context window when it is given (nothing a model reads or writes in one call can
 * exceed it). Anything else (negative, fractional, NaN, Infinity, a string) would charge the
 * budget a made-up amount, a refund included; the caller charges the full reservation instead.
 * Each count is judged on its own, so a negative count cannot hide inside a plausible sum. Pure.
 */
export function judgeReportedUsage(counts: Readonly<Record<string, unknown>>, contextWindow?: number): UsageJudgement {
  let total = 0;
  for (const [name, value] of Object.entries(counts)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      return { ok: false, reason: `${name} is ${describe(value)}, not a whole number of tokens from 0 up` };
    }
    if (value > MAX_REPORTED_TOKENS) return { ok: false, reason: `${name} is ${value}, more than ${MAX_REPORTED_TOKENS} tokens` };
    total += value;
  }
  if (contextWindow !== undefined && total > contextWindow) {
    return {
      ok: false,
      reason: `${Object.keys(counts).join(' + ')} is ${total} tokens, more than the model's ${contextWindow}-token context window`,
    };
  }
  return { ok: true };
}
