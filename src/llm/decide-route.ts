import type { FinopsConfig, RoutingConfig } from '../config/index.ts';
import { lookupPrice, type TokenPrice } from '../policy/finops/index.ts';
import type { CircuitState } from './circuit-breaker.ts';
import type { ProviderName, TaskType } from './types.ts';

/** What the router knows about a provider at the moment of routing. */
export interface ProviderHealth {
  /** It has an endpoint and, where needed, a key. */
  configured: boolean;
  /** The residency decision on its real endpoint. */
  residency: { allow: boolean; reason: string };
  circuit: CircuitState;
  /** Known before the call: its daily token ceiling or a cap leaves no room. */
  budgetExhausted?: boolean;
}

/** A provider the router will try, in order. */
export interface RouteCandidate {
  provider: ProviderName;
  model: string;
  score: number;
}

/** A candidate with the price its route was decided on: the one place a call's price is looked up. */
export interface PricedCandidate extends RouteCandidate {
  price: TokenPrice;
  contextWindow: number;
  maxOutputTokens: number;
}

/** Why a provider of the route is not tried. */
export interface SkippedProvider {
  provider: ProviderName;
  cause: 'unconfigured' | 'residency' | 'circuit_open' | 'no_price' | 'phase' | 'budget';
  reason: string;
}

/** The routing decision: candidates in order, and every skipped provider with its reason. */
export interface RouteDecision<Candidate extends RouteCandidate = RouteCandidate> {
  candidates: Candidate[];
  skipped: SkippedProvider[];
}

/** The providers of a task in the order they are considered: preferred, the task's fallbacks, then the failover's last resort. */
export function routeOrder(task: TaskType, routing: RoutingConfig): ProviderName[] {
  const route = routing.task_types[task];
  const last = routing.failover.fallback_provider;
  // Names come from configuration; one with no implementation is simply never configured.
  return [...new Set([route.preferred_provider, ...route.fallback, ...(last === undefined ? [] : [last])])] as ProviderName[];
}

/** Speed 0..1 per provider: the fastest `base_latency_ms` scores 1, others the ratio; the deprecated score as written; 0.5 when unknown. */
function speeds(routing: RoutingConfig, providers: readonly ProviderName[]): Map<ProviderName, number> {
  const latencies = providers
    .map((provider) => routing.providers[provider]?.base_latency_ms)
    .filter((ms): ms is number => ms !== undefined);
  const fastest = Math.min(...latencies);
  return new Map(
    providers.map((provider) => {
      const entry = routing.providers[provider];
      const ms = entry?.base_latency_ms;
      const speed = ms !== undefined ? (ms === 0 ? 1 : fastest / ms) : (entry?.latency ?? 0.5);
      return [provider, speed];
    }),
  );
}

/**
 * Orders the providers of a task's route: the preferred provider first, then the task's fallbacks
 * ranked by `cost × cheapness + latency × speed + accuracy × quality` (ties keep the configured
 * order), then `failover.fallback_provider`. Each is asked for its model for this task. Providers
 * that are unconfigured, non-compliant, circuit-open, unpriced, not allowed that model in the
 * active phase or out of budget are skipped with a reason. Pure and cheap: no I/O.
 */
export function decideRoute(
  task: TaskType,
  routing: RoutingConfig,
  finops: FinopsConfig,
  health: Partial<Record<ProviderName, ProviderHealth>>,
): RouteDecision {
  const { candidates, skipped } = decidePricedRoute(task, routing, finops, health);
  return { candidates: candidates.map(({ provider, model, score }) => ({ provider, model, score })), skipped };
}

/** {@link decideRoute}, with each candidate's price, window and output limit (for planning the call). */
export function decidePricedRoute(
  task: TaskType,
  routing: RoutingConfig,
  finops: FinopsConfig,
  health: Partial<Record<ProviderName, ProviderHealth>>,
): RouteDecision<PricedCandidate> {
  const order = routeOrder(task, routing);
  const fallbacks = new Set(routing.task_types[task].fallback);
  const skipped: SkippedProvider[] = [];
  const usable: Array<Omit<PricedCandidate, 'score'> & { blendedPrice: number; index: number; ranked: boolean }> = [];
  order.forEach((provider, index) => {
    const model = routing.providers[provider]?.models[task];
    const state = health[provider];
    const limits = finops.providers[provider];
    const price = model ? lookupPrice(finops, provider, model) : undefined;
    if (!state?.configured) skipped.push({ provider, cause: 'unconfigured', reason: `${provider} is not configured` });
    else if (!state.residency.allow) skipped.push({ provider, cause: 'residency', reason: state.residency.reason });
    else if (state.circuit === 'open')
      skipped.push({ provider, cause: 'circuit_open', reason: `${provider} is failing: its circuit breaker is open` });
    else if (!model || !price?.found)
      skipped.push({
        provider,
        cause: 'no_price',
        reason: `${provider} model ${model ?? '(none)'} has no price in configs/model_routing.yaml`,
      });
    else if (limits?.allowed_models && !limits.allowed_models.includes(model)) {
      const allowed = limits.allowed_models.join(', ') || 'none';
      skipped.push({
        provider,
        cause: 'phase',
        reason: `${provider} model ${model} is not allowed in phase ${finops.active_phase} (policies/finops.yaml phases.${finops.active_phase}.providers.${provider}.models: ${allowed})`,
      });
    } else if (state.budgetExhausted) skipped.push({ provider, cause: 'budget', reason: `${provider} has no budget left` });
    else {
      const { price: tokenPrice, contextWindow, maxOutputTokens } = price;
      usable.push({
        provider,
        model,
        price: tokenPrice,
        contextWindow,
        maxOutputTokens,
        blendedPrice: tokenPrice.inputPer1k + tokenPrice.outputPer1k,
        index,
        ranked: index > 0 && fallbacks.has(provider),
      });
    }
  });
  const cheapest = Math.min(...usable.map((entry) => entry.blendedPrice));
  const speed = speeds(
    routing,
    usable.map((entry) => entry.provider),
  );
  const scored = usable.map((entry) => {
    const accuracy = routing.providers[entry.provider]?.accuracy ?? 0.5;
    const cheapness = entry.blendedPrice === 0 ? 1 : cheapest / entry.blendedPrice;
    const score =
      routing.weights.cost * cheapness + routing.weights.latency * (speed.get(entry.provider) ?? 0.5) + routing.weights.accuracy * accuracy;
    return { ...entry, score };
  });
  const preferred = scored.filter((entry) => entry.index === 0);
  const ranked = scored.filter((entry) => entry.ranked).sort((a, b) => b.score - a.score || a.index - b.index);
  const last = scored.filter((entry) => entry.index > 0 && !entry.ranked);
  return {
    candidates: [...preferred, ...ranked, ...last].map(({ provider, model, score, price, contextWindow, maxOutputTokens }) => ({
      provider,
      model,
      score,
      price,
      contextWindow,
      maxOutputTokens,
    })),
    skipped,
  };
}
