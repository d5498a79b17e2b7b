import type { ProviderName } from '../../config/provider-name.ts';
import type { ResidencyDecision } from './residency-types.ts';

/** The providers residency lets through, in candidate order, and the others with why. */
export interface ResidencyFilterResult {
  allowed: ProviderName[];
  denied: Array<{ provider: ProviderName; reason: string }>;
}

/**
 * Keeps the candidates whose residency decision allows a call, in their order of preference. A
 * candidate without a decision is denied: a provider whose residency was not decided is never called.
 */
export function filterCompliantProviders(candidates: readonly ProviderName[], decisions: ReadonlyMap<ProviderName, ResidencyDecision>): ResidencyFilterResult {
  const result: ResidencyFilterResult = { allowed: [], denied: [] };
  for (const provider of candidates) {
    const decision = decisions.get(provider);
    if (decision?.allow) result.allowed.push(provider);
    else result.denied.push({ provider, reason: decision?.reason ?? `no residency decision was made for ${provider}, so it is not called` });
  }
  return result;
}
