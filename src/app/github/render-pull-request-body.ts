import type { Plan } from '../../agents/agent-schemas.ts';
import { formatEur } from './format-eur.ts';
import { markdownCell } from './markdown-cell.ts';
import { renderUntrustedText, type LinkableRepository } from './render-untrusted-text.ts';
import { truncateText } from './truncate-text.ts';

/** One executed node of the run, for the trajectory table. */
export interface TrajectoryStep {
  node: string;
  durationMs: number;
  costEur: number;
  summary: string;
}

/** What the pull request body shows. */
export interface PullRequestBodyInput {
  issueNumber: number;
  plan: Pick<Plan, 'summary' | 'steps' | 'acceptance_criteria'>;
  trajectory: readonly TrajectoryStep[];
  /** The repository, so that plan links to its own files stay links; without it none do. */
  repository?: LinkableRepository;
}

/** GitHub refuses bodies longer than this. */
export const MAX_BODY_CHARS = 65_536;

/** Long node summaries are cut so that the table, and the `</details>` after it, always fit. */
const MAX_CELL_CHARS = 500;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The body of a pull request aos opens: `Fixes #<issue>` first, so merging closes the issue; the
 * plan (summary, steps, acceptance criteria); and the run's trajectory as a table in a collapsed
 * `<details>`. Plan and trajectory text come from a model and go through `renderUntrustedText`
 * (`markdownCell` in the table), so they cannot close other issues, mention people, load images,
 * link to strangers or break the table; the `Fixes` line is aos's own and stays live.
 */
export function renderPullRequestBody(input: PullRequestBodyInput): string {
  const { plan, trajectory, repository } = input;
  const line = (text: string) => renderUntrustedText(text.replace(/\r?\n/g, ' '), repository);
  const total = trajectory.reduce((sum, step) => sum + step.costEur, 0);
  const lines = [
    `Fixes #${input.issueNumber}`,
    '',
    '## Plan',
    '',
    renderUntrustedText(truncateText(plan.summary, 20_000), repository),
    '',
    '### Steps',
    '',
    ...plan.steps.map((step, index) => `${index + 1}. ${line(step)}`),
    '',
    '### Acceptance criteria',
    '',
    ...plan.acceptance_criteria.map((criterion) => `- ${line(criterion)}`),
    '',
    `<details><summary>Trajectory: ${trajectory.length} step${trajectory.length === 1 ? '' : 's'}, ${formatEur(total)}</summary>`,
    '',
    '| # | node | duration | cost | summary |',
    '|---|---|---|---|---|',
    ...trajectory.map(
      (step, index) =>
        `| ${index + 1} | ${markdownCell(step.node)} | ${seconds(step.durationMs)} | ${formatEur(step.costEur)} | ${markdownCell(truncateText(step.summary, MAX_CELL_CHARS), repository)} |`,
    ),
    '',
    '</details>',
    '',
    '_Opened by aos. aos never approves its own pull requests: a person reviews and merges._',
    '',
  ];
  return truncateText(lines.join('\n'), MAX_BODY_CHARS);
}
