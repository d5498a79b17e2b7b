import { describeOverLimit } from '../../packages/report/describe-over-limit.ts';
import type { DependencyResult, VerificationReport } from '../../packages/verify/verification-report.ts';
import type { CheckAnnotation, CompleteCheckRunOptions } from './check-runs.ts';
import { codeCell, markdownCell } from './markdown-cell.ts';

/** What the package-reality check is rendered from. */
export interface PackageRealityCheckInput {
  /** What `verifyDependencies` returned for the added or changed dependencies. */
  report: VerificationReport;
  /** Manifests and lockfiles the pull request changes, repository-relative; none → nothing to check. */
  files: readonly string[];
  /** What was compared, e.g. `changes since 1a2b3c4`. */
  scope: string;
}

/** The output of the check, ready for `completeCheckRun`. */
export type PackageRealityCheck = Pick<CompleteCheckRunOptions, 'conclusion' | 'title' | 'summary' | 'annotations'>;

const ICON = { ok: '✅', warn: '⚠️', fail: '❌', unverifiable: '❔' } as const;
const ORDER = { fail: 0, unverifiable: 1, warn: 2, ok: 3 } as const;
/** Rows of the table of flagged dependencies; every one of them is annotated regardless. */
const MAX_ROWS = 200;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const label = (r: DependencyResult) => `${r.dependency.name}@${r.checkedVersion ?? (r.dependency.version || '(any)')}`;

function level(r: DependencyResult): CheckAnnotation['annotation_level'] {
  if (r.blocking || r.verdict === 'fail') return 'failure';
  return r.verdict === 'warn' ? 'warning' : 'notice';
}

function annotate(r: DependencyResult): CheckAnnotation {
  const advisories = r.advisories.map((a) => a.id);
  const reasons = r.reasons.length > 0 ? r.reasons.join('; ') : r.verdict;
  const line = Math.max(1, r.dependency.line);
  return {
    path: r.dependency.file,
    start_line: line,
    end_line: line,
    annotation_level: level(r),
    title: `${label(r)}: ${r.verdict}${r.blocking ? ' (blocking)' : ''}`,
    message: advisories.length > 0 ? `${reasons}\nAdvisories: ${advisories.join(', ')}` : reasons,
  };
}

/** The check's title: what could not be read first, then what could not be checked, then the verdicts. */
function titleOf({ summary, problems, overLimit }: VerificationReport): string {
  if (problems.length > 0)
    return `${plural(problems.length, 'dependency file problem', 'dependency file problems')}: aos could not read what this pull request changes`;
  if (overLimit !== undefined) return `Too many dependencies to check: ${overLimit.distinct} (limit ${overLimit.limit})`;
  if (summary.total === 0) return 'No new dependencies';
  if (summary.blocking > 0) return `${summary.blocking} of ${plural(summary.total, 'dependency blocks', 'dependencies block')}`;
  return `${plural(summary.total, 'dependency', 'dependencies')} verified${summary.warn > 0 ? `, ${summary.warn} with warnings` : ''}`;
}

/**
 * The `aos / package-reality` check of a pull request: failure when any dependency blocks, any
 * dependency file could not be read (each problem annotated on its line, first), or there were
 * too many dependencies to check (`max_dependencies`, said in title and summary), success
 * otherwise (warnings included, annotated), neutral "No dependency changes" when the pull request
 * changes no manifest or lockfile. The summary has the verdict counts and a table of every
 * dependency that is not ok, each at its file:line; each of those gets an annotation on its line.
 */
export function renderPackageRealityCheck(input: PackageRealityCheckInput): PackageRealityCheck {
  if (input.files.length === 0) {
    return {
      conclusion: 'neutral',
      title: 'No dependency changes',
      summary: 'This pull request changes no manifest or lockfile, so there is no dependency to verify.',
      annotations: [],
    };
  }
  const { summary, problems } = input.report;
  const flagged = input.report.results
    .filter((r) => r.verdict !== 'ok')
    .sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || Number(b.blocking) - Number(a.blocking));
  const title = titleOf(input.report);
  const lines = [
    `**Result: ${summary.passed ? 'PASS' : 'FAIL'}**: ${summary.blocking} of ${plural(summary.total, 'dependency blocks', 'dependencies block')}.`,
    '',
    `Scope: ${markdownCell(input.scope)}; ${plural(input.files.length, 'file', 'files')}: ${input.files.map(codeCell).join(', ')}`,
    '',
    '| verdict | dependencies |',
    '|---|---|',
    ...(['ok', 'warn', 'fail', 'unverifiable'] as const).map((v) => `| ${ICON[v]} ${v} | ${summary[v]} |`),
    '',
  ];
  if (input.report.overLimit !== undefined) lines.push(`**Not checked:** ${markdownCell(describeOverLimit(input.report.overLimit))}.`, '');
  if (flagged.length > 0) {
    lines.push('### Dependencies that need attention', '', '| verdict | package | where | reasons |', '|---|---|---|---|');
    for (const r of flagged.slice(0, MAX_ROWS)) {
      lines.push(
        `| ${ICON[r.verdict]} ${r.verdict}${r.blocking ? ' (blocking)' : ''} | ${codeCell(label(r))} | ${codeCell(`${r.dependency.file}:${r.dependency.line}`)} | ${markdownCell(r.reasons.join('; '))} |`,
      );
    }
    if (flagged.length > MAX_ROWS) lines.push('', `… and ${flagged.length - MAX_ROWS} more, each annotated on its line.`);
    lines.push('');
  }
  if (problems.length > 0)
    lines.push(
      `${plural(problems.length, 'file problem', 'file problems')} met while reading, each annotated on its line: what aos cannot read, it cannot verify, so the check fails.`,
      '',
    );
  const annotations = [
    ...problems.map((p): CheckAnnotation => ({
      path: p.file,
      start_line: Math.max(1, p.line),
      end_line: Math.max(1, p.line),
      annotation_level: 'failure',
      title: 'aos could not read this line',
      message: p.message,
    })),
    ...flagged.map(annotate),
  ];
  return { conclusion: summary.passed && problems.length === 0 ? 'success' : 'failure', title, summary: lines.join('\n'), annotations };
}
