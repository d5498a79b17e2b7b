import type { FinopsFile } from './finops-schema.ts';
import type { ModelPrice } from './model-price-schema.ts';
import type { ResidencyConfig } from './residency-schema.ts';
import type { RoutingConfig } from './routing-schema.ts';

/** The context window assumed for a model whose limits nothing states: small, so nothing is over-asked. */
const DEFAULT_CONTEXT_WINDOW = 8192;

/** What the active phase allows one provider, with the prices of its models. */
export interface ProviderLimits {
  /** Token ceiling of one request (prompt + completion) in the active phase; undefined: only the model's window. */
  max_tokens_per_request: number | undefined;
  /** Token ceiling per UTC day in the active phase; undefined: none. */
  max_tokens_per_day: number | undefined;
  /** Models the active phase allows; null: every priced model. */
  allowed_models: readonly string[] | null;
  /** Every model with a price (configs/model_routing.yaml), both rates and limits filled in. */
  models: Record<string, ModelPrice>;
}

/** `policies/finops.yaml` in force, with the active phase's provider limits and the prices joined in under `providers`. */
export type FinopsConfig = FinopsFile & { providers: Record<string, ProviderLimits> };

/** The three configuration files, validated and joined. */
export interface AosConfig {
  /** `policies/finops.yaml` (plus the price table of configs/model_routing.yaml). */
  finops: FinopsConfig;
  /** `configs/model_routing.yaml`. */
  routing: RoutingConfig;
  /** `configs/vendor_residency.yaml`, endpoints after the environment overrides. */
  residency: ResidencyConfig;
}

/** Both rates and limits of `model` on `provider`, or undefined when it has no price. */
function priceOf(provider: RoutingConfig['providers'][string], model: string, ceiling: number | undefined): ModelPrice | undefined {
  const rates = provider.prices[model];
  const single = provider.cost_per_1k_tokens[model];
  const input = rates?.input_per_1k_eur ?? single;
  const output = rates?.output_per_1k_eur ?? single;
  if (input === undefined || output === undefined) return undefined;
  const limits = provider.limits[model];
  const contextWindow = limits?.context_window ?? ceiling ?? DEFAULT_CONTEXT_WINDOW;
  return {
    input_per_1k_eur: input,
    output_per_1k_eur: output,
    context_window: contextWindow,
    max_output_tokens: limits?.max_output_tokens ?? contextWindow,
  };
}

/**
 * Joins the validated files into what the router and the budget read: per provider, the active
 * phase's ceilings and allowed models and every priced model with both rates and its limits.
 */
export function buildAosConfig(finops: FinopsFile, routing: RoutingConfig, residency: ResidencyConfig): AosConfig {
  const phase = finops.phases[String(finops.active_phase)];
  const names = new Set([...Object.keys(routing.providers), ...Object.keys(phase?.providers ?? {})]);
  const providers: Record<string, ProviderLimits> = {};
  for (const name of names) {
    const limits = phase?.providers[name];
    const entry = routing.providers[name];
    const priced = entry ? new Set([...Object.keys(entry.cost_per_1k_tokens), ...Object.keys(entry.prices)]) : new Set<string>();
    const models: Record<string, ModelPrice> = {};
    for (const model of priced) {
      const price = entry && priceOf(entry, model, limits?.max_tokens);
      if (price) models[model] = price;
    }
    providers[name] = {
      max_tokens_per_request: limits?.max_tokens,
      max_tokens_per_day: limits?.max_tokens_per_day,
      allowed_models: limits?.models ?? null,
      models,
    };
  }
  return { finops: { ...finops, providers }, routing, residency };
}
