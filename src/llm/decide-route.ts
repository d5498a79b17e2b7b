import type { FinopsConfig, RoutingConfig } from '../config/index.ts';
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

/** Why a provider of the route is not tried. */
export interface SkippedProvider {
  provider: ProviderName;
  cause: 'unconfigured' | 'residency' | 'circuit_open' | 'no_price' | 'budget';
  reason: string;
}

/** The routing decision: candidates in order, and every skipped provider with its reason. */
export interface RouteDecision {
  candidates: RouteCandidate[];
  skipped: SkippedProvider[];
}

/**
 * Orders the providers of a task's route: the preferred provider first, then the fallbacks ranked
 * by `cost × cheapness + latency × speed + accuracy × quality` (ties keep the configured order).
 * Providers that are unconfigured, non-compliant, circuit-open, unpriced or out of budget are
 * skipped with a reason. Pure and cheap: no I/O, a handful of arithmetic per provider.
 */
export function decideRoute(task: TaskType, routing: RoutingConfig, finops: FinopsConfig, health: Partial<Record<ProviderName, ProviderHealth>>): RouteDecision {
  const route = routing.task_types[task];
  // Names come from configuration; one with no implementation is simply never configured.
  const order = [route.preferred, ...route.fallbacks] as ProviderName[];
  const skipped: SkippedProvider[] = [];
  const usable: Array<{ provider: ProviderName; model: string; blendedPrice: number; index: number }> = [];
  order.forEach((provider, index) => {
    const model = routing.providers[provider]?.model;
    const state = health[provider];
    const price = model ? finops.providers[provider]?.models[model] : undefined;
    if (!state?.configured) skipped.push({ provider, cause: 'unconfigured', reason: `${provider} is not configured` });
    else if (!state.residency.allow) skipped.push({ provider, cause: 'residency', reason: state.residency.reason });
    else if (state.circuit === 'open') skipped.push({ provider, cause: 'circuit_open', reason: `${provider} is failing: its circuit breaker is open` });
    else if (!model || !price) skipped.push({ provider, cause: 'no_price', reason: `${provider} model ${model ?? '(none)'} has no price in policies/finops.yaml` });
    else if (state.budgetExhausted) skipped.push({ provider, cause: 'budget', reason: `${provider} has no budget left` });
    else usable.push({ provider, model, blendedPrice: price.input_per_1k_eur + price.output_per_1k_eur, index });
  });
  const cheapest = Math.min(...usable.map((entry) => entry.blendedPrice));
  const scored = usable.map((entry) => {
    const scores = routing.providers[entry.provider]!;
    const cheapness = entry.blendedPrice === 0 ? 1 : cheapest / entry.blendedPrice;
    const score = routing.weights.cost * cheapness + routing.weights.latency * scores.latency + routing.weights.accuracy * scores.accuracy;
    return { ...entry, score };
  });
  const preferred = scored.filter((entry) => entry.index === 0);
  const fallbacks = scored.filter((entry) => entry.index > 0).sort((a, b) => b.score - a.score || a.index - b.index);
  return { candidates: [...preferred, ...fallbacks].map(({ provider, model, score }) => ({ provider, model, score })), skipped };
}
