import type { VerificationReport } from '../verify/verification-report.ts';

/** Everything a report shows besides the results: what was checked, where, and how. */
export interface ReportContext {
  report: VerificationReport;
  /** Per source, where it was checked or why it was not (`http://… (AOS_NPM_REGISTRY)`, `not configured: set AOS_PYPI_URL`). */
  sources: { npm: string; pypi: string; osv: string };
  /** Files read, repository-relative. */
  files: string[];
  /** `full scan`, or `changes since <ref>`. */
  scope: string;
}
