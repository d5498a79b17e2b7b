import { PACKAGE_REALITY_FILE } from '../../config/load-package-reality-policy.ts';
import type { VerificationReport } from '../verify/verification-report.ts';

/** The one sentence every report gives when a run had too many dependencies to check. */
export function describeOverLimit(overLimit: NonNullable<VerificationReport['overLimit']>): string {
  return `${overLimit.distinct} distinct dependencies, above max_dependencies (${overLimit.limit}) in ${PACKAGE_REALITY_FILE}: none was checked; raise the limit to check them`;
}
