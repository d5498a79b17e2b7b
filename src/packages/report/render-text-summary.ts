import { describeOverLimit } from './describe-over-limit.ts';
import { MISSING_SOURCE_REASON } from '../verify/package-clients.ts';
import type { VerificationReport } from '../verify/verification-report.ts';

const GLOBAL_REASONS: ReadonlySet<string> = new Set(Object.values(MISSING_SOURCE_REASON));

/**
 * The terminal summary: one result line, up to `limit` file problems (what could not be read),
 * one line per reason that comes from configuration (a source not set, shared by many
 * dependencies) with its count, then up to `limit` other findings, each at its file:line.
 */
export function renderTextSummary(report: VerificationReport, limit = 25): string[] {
  const { summary } = report;
  const problems = summary.problems > 0 ? `, ${summary.problems} file problem${summary.problems === 1 ? '' : 's'}` : '';
  const lines = [
    `package reality: ${summary.passed ? 'PASS' : 'FAIL'}: ${summary.total} dependencies: ${summary.ok} ok, ${summary.warn} warn, ${summary.fail} fail, ${summary.unverifiable} unverifiable (${summary.blocking} blocking)${problems} in ${(report.timing.durationMs / 1000).toFixed(2)} s`,
  ];
  if (report.overLimit !== undefined) {
    lines.push(`  not checked: ${describeOverLimit(report.overLimit)}`);
  }
  for (const problem of report.problems.slice(0, limit))
    lines.push(`  ${'problem'.padEnd(12)} ${problem.file}:${problem.line}  ${problem.message}`);
  if (report.problems.length > limit) lines.push(`  … and ${report.problems.length - limit} more file problems in the report`);
  for (const reason of GLOBAL_REASONS) {
    const count = report.results.filter((r) => r.reasons.includes(reason)).length;
    if (count > 0) lines.push(`  ${count} dependenc${count === 1 ? 'y' : 'ies'}: ${reason}`);
  }
  const flagged = report.results
    .map((r) => ({ r, reasons: r.reasons.filter((reason) => !GLOBAL_REASONS.has(reason)) }))
    .filter(({ reasons }) => reasons.length > 0);
  for (const { r, reasons } of flagged.slice(0, limit)) {
    lines.push(
      `  ${r.verdict.padEnd(12)} ${r.dependency.name}@${r.dependency.version || '(any)'}  ${r.dependency.file}:${r.dependency.line}  ${reasons.join('; ')}`,
    );
  }
  if (flagged.length > limit) lines.push(`  … and ${flagged.length - limit} more in the report`);
  return lines;
}
