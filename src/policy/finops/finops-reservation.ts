import type { CounterState, TokenPrice } from './finops-types.ts';

/** What a call asks of its counters. */
export interface ReservationAsk {
  price: TokenPrice;
  /** A conservative (upper-bound) estimate of the prompt's tokens. */
  inputTokens: number;
  /** The most output tokens worth asking for: model limit, provider ceiling, caller's wish. */
  desiredMaxTokens: number;
  /** Fewer output tokens than this cannot produce a useful answer: refuse instead. */
  minOutputTokens: number;
}

/** The reservation decision. */
export type ReservationDecision =
  { allow: true; maxTokens: number; amountEur: number; tokens: number } | { allow: false; limiting: CounterState; needed: number };

/** EUR cost of a number of input and output tokens at `price`. */
export function costEur(price: TokenPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPer1k + outputTokens * price.outputPer1k) / 1000;
}

/**
 * Decides, on counters locked by the caller's transaction, how many output tokens a call may use:
 * the most that keeps every counter's spent + reserved + this call within its cap. The reserved
 * amount is the worst case (the estimated input plus every allowed output token), so no answer can
 * cost more than was reserved. Pure.
 */
export function decideReservation(counters: readonly CounterState[], ask: ReservationAsk): ReservationDecision {
  let maxTokens = Math.floor(ask.desiredMaxTokens);
  let limiting: CounterState | undefined;
  for (const counter of counters) {
    const available = counter.cap - counter.spent - counter.reserved;
    const fits =
      counter.unit === 'tokens'
        ? available - ask.inputTokens
        : ask.price.outputPer1k === 0
          ? available >= costEur(ask.price, ask.inputTokens, 0)
            ? Number.POSITIVE_INFINITY
            : -1
          : Math.floor(((available - costEur(ask.price, ask.inputTokens, 0)) * 1000) / ask.price.outputPer1k + 1e-9);
    if (fits < maxTokens) {
      maxTokens = Math.floor(fits);
      limiting = counter;
    }
  }
  // A caller whose own ceiling is below the useful minimum gets that ceiling: not a budget matter.
  const minimum = Math.min(ask.minOutputTokens, Math.floor(ask.desiredMaxTokens));
  if (limiting && maxTokens < minimum) {
    const needed = limiting.unit === 'tokens' ? ask.inputTokens + minimum : costEur(ask.price, ask.inputTokens, minimum);
    return { allow: false, limiting, needed };
  }
  return { allow: true, maxTokens, amountEur: costEur(ask.price, ask.inputTokens, maxTokens), tokens: ask.inputTokens + maxTokens };
}
