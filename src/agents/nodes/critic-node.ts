import { criticSchema, type CriticReview } from '../agent-schemas.ts';
import type { NodeContext } from '../agent-context.ts';
import type { AgentState } from '../agent-state.ts';
import { CRITIC_PROMPT } from '../prompts/system-prompts.ts';
import { diffBlock, findingsBlock, planBlock } from './format-blocks.ts';

/**
 * The critic: reviews the diff against the plan. An empty diff needs no model to judge: it is
 * sent back with that finding, at no cost.
 */
export async function criticNode(state: Readonly<AgentState>, context: NodeContext): Promise<Partial<AgentState>> {
  const diff = await context.workspace.unifiedDiff();
  let review: CriticReview;
  if (diff.trim() === '') {
    review = {
      verdict: 'revise',
      summary: 'No change was applied.',
      findings: [{ path: '', line: 0, severity: 'blocker', message: 'The coder produced no applicable edit.' }],
    };
  } else {
    const failures = state.editFailures.map((failure) => `${failure.path}: ${failure.reason}`);
    const prompt = [
      planBlock(state.plan!),
      diffBlock(diff),
      ...(failures.length > 0 ? [findingsBlock(['Edits that were not applied:', ...failures])] : []),
    ].join('\n\n');
    review = await context.llm.structured(
      'review',
      [
        { role: 'system', content: CRITIC_PROMPT },
        { role: 'user', content: prompt },
      ],
      criticSchema,
      'review',
    );
  }
  return { critic: review, criticHistory: [...state.criticHistory, review] };
}
