import type { Plan } from '../../agents/agent-schemas.ts';
import { codeCell } from './markdown-cell.ts';
import { renderUntrustedText, type LinkableRepository } from './render-untrusted-text.ts';

/**
 * The comment a dry run posts: the planner's summary, steps, files and acceptance criteria, or
 * why there is no plan. All of it is model text (the failure message may quote a model too), so
 * all of it goes through `renderUntrustedText`; list items are flattened to one line each.
 */
export function renderPlanComment(plan: Plan | null, failure: string | undefined, repository?: LinkableRepository): string {
  const render = (text: string) => renderUntrustedText(text, repository);
  const item = (text: string) => render(text.replace(/\r?\n/g, ' '));
  if (!plan) return `The planner could not produce a plan: ${item(failure ?? 'unknown reason')}`;
  return [
    '### Plan (dry run)',
    render(plan.summary),
    '',
    '**Steps**',
    ...plan.steps.map((step, index) => `${index + 1}. ${item(step)}`),
    '',
    '**Files**',
    ...plan.files_to_change.map((file) => `- ${codeCell(file)}`),
    '',
    '**Acceptance criteria**',
    ...plan.acceptance_criteria.map((criterion) => `- ${item(criterion)}`),
  ].join('\n');
}
