import type { Plan } from '../agent-schemas.ts';
import { dataBlock } from '../prompts/data-block.ts';
import { neutralizeDelimiters } from '../prompts/neutralize-delimiters.ts';

/** A repository file as a data block for a prompt. */
export const fileBlock = (path: string, content: string) => dataBlock('file', content, { path });

/** A diff as a data block. */
export const diffBlock = (diff: string) => dataBlock('diff', diff);

/**
 * The plan, as the later nodes see it. It is the planner's answer to untrusted text, so it may
 * not forge block delimiters either.
 */
export function planBlock(plan: Plan): string {
  return neutralizeDelimiters(
    [
      `Plan summary: ${plan.summary}`,
      'Steps:',
      ...plan.steps.map((step, index) => `${index + 1}. ${step}`),
      `Files to change: ${plan.files_to_change.join(', ') || '(none named)'}`,
      'Acceptance criteria:',
      ...plan.acceptance_criteria.map((criterion) => `- ${criterion}`),
    ].join('\n'),
  );
}

/** Findings or errors as a data block. */
export const findingsBlock = (lines: string[]) => dataBlock('findings', lines.join('\n'));
