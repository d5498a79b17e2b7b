import type { FinopsConfig } from '../../config/index.ts';
import type { TokenPrice } from './finops-types.ts';

/** A model's price, or why there is none. A model without a price is never called (fail closed). */
export type PriceLookup =
  { found: true; price: TokenPrice; contextWindow: number; maxOutputTokens: number } | { found: false; reason: string };

/** Looks up the EUR price per 1k tokens of `model` on `provider` in policies/finops.yaml. */
export function lookupPrice(finops: FinopsConfig, provider: string, model: string): PriceLookup {
  const limits = finops.providers[provider as keyof FinopsConfig['providers']];
  if (!limits) return { found: false, reason: `provider ${provider} has no entry in policies/finops.yaml` };
  const entry = limits.models[model];
  if (!entry)
    return {
      found: false,
      reason: `model ${model} of ${provider} has no price in policies/finops.yaml; aos refuses to call a model it cannot cost`,
    };
  return {
    found: true,
    price: { inputPer1k: entry.input_per_1k_eur, outputPer1k: entry.output_per_1k_eur },
    contextWindow: entry.context_window,
    maxOutputTokens: entry.max_output_tokens,
  };
}
