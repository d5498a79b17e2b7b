import { checkDeliverables } from './check-deliverables.ts';
import { checkEmptyBodies } from './check-empty-bodies.ts';
import { checkEvidencePaths } from './check-evidence-paths.ts';
import { checkIntegrationTests } from './check-integration-tests.ts';
import { checkPhaseCaps } from './check-phase-caps.ts';
import { checkProviders } from './check-providers.ts';
import type { CheckResult } from './check-result.ts';
import type { Contract } from './contract-schema.ts';
import { checkForbiddenMarkers } from './scan-forbidden-markers.ts';

/** Every check of a contract against the tree at `root`, in report order. */
export function runContractChecks(contract: Contract, root: string): CheckResult[] {
  return [
    ...checkDeliverables(contract, root),
    checkForbiddenMarkers(contract, root),
    ...(contract.forbidden_markers.empty_bodies ? [checkEmptyBodies(contract, root)] : []),
    checkPhaseCaps(contract, root),
    checkEvidencePaths(contract, root),
    checkProviders(contract, root),
    ...checkIntegrationTests(contract, root),
  ];
}
