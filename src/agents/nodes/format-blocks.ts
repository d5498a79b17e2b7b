import type { Plan } from '../agent-schemas.ts';

/** Neutralises a closing tag inside untrusted text so the text cannot end its own block. */
const neutralise = (text: string, tag: string) => text.replaceAll(`</${tag}>`, `<\u2215${tag}>`);

/** A repository file as a data block for a prompt. */
export const fileBlock = (path: string, content: string) => `<file path="${path.replaceAll('"', "'")}">\n${neutralise(content, 'file')}\n</file>`;

/** A diff as a data block. */
export const diffBlock = (diff: string) => `<diff>\n${neutralise(diff, 'diff')}\n</diff>`;

/** The plan, as the later nodes see it. */
export function planBlock(plan: Plan): string {
  return [
    `Plan summary: ${plan.summary}`,
    'Steps:',
    ...plan.steps.map((step, index) => `${index + 1}. ${step}`),
    `Files to change: ${plan.files_to_change.join(', ') || '(none named)'}`,
    'Acceptance criteria:',
    ...plan.acceptance_criteria.map((criterion) => `- ${criterion}`),
  ].join('\n');
}

/** Findings or errors as a data block. */
export const findingsBlock = (lines: string[]) => `<findings>\n${neutralise(lines.join('\n'), 'findings')}\n</findings>`;
