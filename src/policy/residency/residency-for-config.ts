import type { AosConfig, VendorResidency } from '../../config/index.ts';
import type { ProviderName } from '../../config/provider-name.ts';
import { decideResidencyForModels } from './residency-for-models.ts';
import type { ResidencyDecision } from './residency-types.ts';

/** One vendor of configs/vendor_residency.yaml and its residency decision. */
export interface VendorDecision {
  vendor: string;
  entry: VendorResidency;
  /** The models routing may send it (per task, and every priced one). */
  models: string[];
  decision: ResidencyDecision;
}

/**
 * Decides every vendor of the configuration on the endpoint actually used (after the environment
 * overrides) with every model aos may send it, so the CLI, `aos config check` and start-up all
 * report the same decisions the router makes.
 */
export function decideConfiguredVendors(config: AosConfig): VendorDecision[] {
  return Object.entries(config.residency.vendors).map(([vendor, entry]) => {
    const routed = Object.values(config.routing.providers[vendor]?.models ?? {}).filter((model) => model !== undefined);
    const models = [...new Set([...routed, ...Object.keys(config.finops.providers[vendor]?.models ?? {})])];
    // Vendor names are validated by the config schemas; the router knows the same names as ProviderName.
    const decision = decideResidencyForModels({
      provider: vendor as ProviderName,
      vendor: entry,
      endpoint: entry.endpoint,
      models,
      enforcement: config.residency.enforcement,
    });
    return { vendor, entry, models, decision };
  });
}
