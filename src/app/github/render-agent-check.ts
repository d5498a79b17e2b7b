import type { AgentState } from '../../agents/agent-state.ts';
import type { CompleteCheckRunOptions } from './check-runs.ts';
import { renderUntrustedText, type LinkableRepository } from './render-untrusted-text.ts';

/** The output of the `aos / agent` check, ready for `completeCheckRun`. */
export type AgentCheck = Pick<CompleteCheckRunOptions, 'conclusion' | 'title' | 'summary'>;

/**
 * The `aos / agent` check run of a bot pull request: success when the approver says ready,
 * failure otherwise, and the approver's reasons as a list. The reasons quote the critic's and
 * QA's words, so each goes through `renderUntrustedText` (flattened to one line, so a reason
 * cannot end the list).
 */
export function renderAgentCheck(approval: AgentState['approval'], repository?: LinkableRepository): AgentCheck {
  const ready = approval?.verdict === 'ready';
  const reasons = (approval?.reasons ?? []).map((reason) => `- ${renderUntrustedText(reason.replace(/\r?\n/g, ' '), repository)}`);
  return {
    conclusion: ready ? 'success' : 'failure',
    title: ready ? 'Ready for review' : 'Needs work',
    summary: reasons.join('\n') || 'No reasons recorded.',
  };
}
