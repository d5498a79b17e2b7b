import type { CriticReview, Finding } from '../../agents/agent-schemas.ts';
import type { QaCheck } from '../../agents/agent-state.ts';
import { formatEur } from './format-eur.ts';
import { codeCell, markdownCell } from './markdown-cell.ts';
import { renderUntrustedText, type LinkableRepository } from './render-untrusted-text.ts';
import { MAX_BODY_CHARS } from './render-pull-request-body.ts';
import { truncateText } from './truncate-text.ts';

/** What the summary of one review pass shows. */
export interface ReviewBodyInput {
  critic: Pick<CriticReview, 'verdict' | 'summary'> | null;
  qa: { checks: readonly QaCheck[]; passed: boolean } | null;
  /** Cost of the run so far, in EUR. */
  costEur: number;
  /** Findings placed inline, counted only. */
  inlineCount: number;
  /** Findings that are not on a line of the diff. */
  outside: readonly Finding[];
  /** The repository, so that links to its own files stay links; without it none do. */
  repository?: LinkableRepository;
  /** A ci-fix pass: the CI failures it set out to fix (sanitized CI output), quoted first. */
  addressed?: readonly string[];
}

const EVIDENCE_CHARS = 1_000;
const where = (finding: Finding) => codeCell(finding.line > 0 ? `${finding.path}:${finding.line}` : finding.path);

/**
 * The body of a review pass: the critic's verdict and summary, the QA checks as a ✅/❌ table
 * with their evidence, the cost in EUR, and the findings that could not go on the diff. Model
 * text goes through `renderUntrustedText` (`markdownCell` in the table), so it cannot break the
 * table, mention anyone, close an issue, load an image or link to a stranger.
 */
export function renderReviewBody(input: ReviewBodyInput): string {
  const { repository } = input;
  const lines = ['### aos review', ''];
  if (input.addressed !== undefined && input.addressed.length > 0) {
    lines.push('**CI failures this pass addressed:**', '');
    for (const failure of input.addressed)
      lines.push(`- ${renderUntrustedText(truncateText(failure, EVIDENCE_CHARS).replace(/\r?\n/g, ' '), repository)}`);
    lines.push('');
  }
  if (input.critic !== null) {
    lines.push(
      `**Critic:** ${input.critic.verdict === 'pass' ? '✅ pass' : '🔁 revise'}`,
      '',
      renderUntrustedText(input.critic.summary, repository),
      '',
    );
  }
  if (input.qa !== null) {
    lines.push(`**QA:** ${input.qa.passed ? '✅ passed' : '❌ failed'}`, '');
    if (input.qa.checks.length > 0) {
      lines.push('| check | result | evidence |', '|---|---|---|');
      for (const check of input.qa.checks)
        lines.push(
          `| ${markdownCell(check.name, repository)} | ${check.passed ? '✅' : '❌'} | ${markdownCell(truncateText(check.evidence, EVIDENCE_CHARS), repository)} |`,
        );
      lines.push('');
    }
  }
  lines.push(`**Cost so far:** ${formatEur(input.costEur)}`, '');
  if (input.inlineCount > 0) lines.push(`${input.inlineCount} finding${input.inlineCount === 1 ? ' is' : 's are'} on the diff below.`, '');
  if (input.outside.length > 0) {
    lines.push('#### Findings outside the diff', '');
    for (const finding of input.outside)
      lines.push(`- **${finding.severity}** ${where(finding)}: ${renderUntrustedText(finding.message.replace(/\r?\n/g, ' '), repository)}`);
    lines.push('');
  }
  lines.push('_aos comments; it never approves. A person decides whether this merges._', '');
  return truncateText(lines.join('\n'), MAX_BODY_CHARS);
}
