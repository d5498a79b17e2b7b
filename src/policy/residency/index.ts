/** The public surface of policy/residency: everything outside this folder imports from here. */
export { decideConfiguredVendors } from './residency-for-config.ts';
export { decideResidencyForModels } from './residency-for-models.ts';
export { describeRegionClaims } from './residency-region-claims.ts';
export { summarizeResidency } from './residency-summary.ts';
export { ResidencyViolation } from './residency-violation.ts';
export type { BlockedProvider } from './residency-violation.ts';
