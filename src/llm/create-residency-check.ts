import type { AosConfig } from '../config/index.ts';
import { decideResidencyForModels } from '../policy/residency/index.ts';
import type { EndpointDecision } from './router.ts';
import type { LlmProvider } from './types.ts';

/**
 * The router's residency check: each provider is decided on the endpoint it really calls
 * (`provider.endpoint`, after env overrides) and every model routing sends it, never on the
 * vendor's declared region alone. A provider with no vendor entry is denied.
 */
export function createResidencyCheck(config: AosConfig): (provider: LlmProvider) => EndpointDecision {
  return (provider) => {
    const vendor = config.residency.vendors[provider.name];
    if (!vendor) return { allow: false, host: '', reason: `${provider.name} has no entry in configs/vendor_residency.yaml` };
    const models = [
      ...new Set(Object.values(config.routing.providers[provider.name]?.models ?? {}).filter((model) => model !== undefined)),
    ];
    const decision = decideResidencyForModels({
      provider: provider.name,
      vendor,
      endpoint: provider.endpoint,
      models,
      enforcement: config.residency.enforcement,
    });
    return { allow: decision.allow, host: decision.host, reason: decision.reason };
  };
}
