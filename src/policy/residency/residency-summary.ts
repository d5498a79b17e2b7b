import type { VendorDecision } from './residency-for-config.ts';
import { describeRegionClaims } from './residency-region-claims.ts';

/**
 * What start-up says about residency: which vendors stay in routing, which are removed and why,
 * and the one note about a region declared on a global host. A non-compliant vendor is not a
 * reason to refuse start-up; it is removed (or, in warn mode, kept with a warning).
 */
export function summarizeResidency(vendors: readonly VendorDecision[]): { info: string[]; warnings: string[] } {
  const kept = vendors.filter(({ decision }) => decision.allow && decision.compliant).map(({ vendor }) => vendor);
  const warnings: string[] = [];
  for (const { vendor, decision } of vendors) {
    if (!decision.allow) warnings.push(`residency: ${vendor} removed from routing: ${decision.reason}`);
    else if (!decision.compliant) warnings.push(`residency: ${vendor} is not EU-compliant but stays in routing: ${decision.reason}`);
  }
  const note = describeRegionClaims(
    vendors
      .filter(({ decision }) => !(decision.allow && decision.compliant))
      .map(({ vendor, entry, decision }) => ({ vendor, region: entry.region, host: decision.host })),
  );
  if (note) warnings.push(`residency: ${note}`);
  return { info: [`residency: routing to ${kept.length > 0 ? kept.join(', ') : 'no vendor'} (EU-compliant)`], warnings };
}
