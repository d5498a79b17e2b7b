import type { AosConfig } from '../../config/index.ts';
import { decideConfiguredVendors } from '../../policy/residency/index.ts';
import type { ResidencyStatus } from './system-status.ts';

/** Each configured vendor's residency decision on the endpoint actually used, as the router makes it. */
export function residencyStatus(config: AosConfig): ResidencyStatus {
  const vendors = decideConfiguredVendors(config).map(({ vendor, entry, decision }) => {
    const compliant = decision.allow && decision.compliant;
    return {
      vendor,
      endpoint_host: decision.host,
      declared_region: entry.region,
      decision: !decision.allow ? ('blocked' as const) : compliant ? ('allowed' as const) : ('non_compliant_allowed' as const),
      compliant,
      reason: decision.reason,
    };
  });
  const { enforcement } = config.residency;
  return {
    enforce_eu_residency: enforcement.enforce_eu_residency,
    block_non_eu_requests: enforcement.block_non_eu_requests,
    routing_to: vendors.filter((vendor) => vendor.decision !== 'blocked').map((vendor) => vendor.vendor),
    vendors,
  };
}
