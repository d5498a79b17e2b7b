import { planSchema } from '../agent-schemas.ts';
import type { NodeContext } from '../agent-context.ts';
import type { AgentState } from '../agent-state.ts';
import { buildIssueContext } from '../context/build-issue-context.ts';
import { selectContext } from '../context/select-context.ts';
import { dataBlock } from '../prompts/data-block.ts';
import { PLANNER_PROMPT } from '../prompts/system-prompts.ts';
import { sanitizeUntrustedText } from '../sanitize-untrusted-text.ts';
import { fileBlock } from './format-blocks.ts';

/**
 * The planner: sanitised issue text and instructions plus the repository files ranked most
 * relevant (within the context token budget) go to the model, which answers with a structured
 * plan. Files are ranked on the sanitised text too: what a reader cannot see must not steer which
 * files the model is shown. The model may read further files through the read-only tools.
 */
export async function plannerNode(state: Readonly<AgentState>, context: NodeContext): Promise<Partial<AgentState>> {
  const issue = buildIssueContext({ title: state.task.title, body: state.task.body, comments: state.task.comments });
  const instructions = sanitizeUntrustedText(state.task.instructions).text.trim();
  const query = [sanitizeUntrustedText(state.task.title).text, sanitizeUntrustedText(state.task.body).text, instructions].join('\n');
  const selection = await selectContext(context.workspace, query, state.settings.contextTokenBudget);
  const files = selection.files.map((file) => fileBlock(file.path, file.content));
  const prompt = [
    issue.text,
    ...(instructions
      ? [`Instructions from the maintainer who asked for this run (also untrusted data):\n${dataBlock('instructions', instructions)}`]
      : []),
    `Repository files most relevant to the issue (${files.length}):`,
    ...files,
  ].join('\n\n');
  const plan = await context.llm.structured(
    'planning',
    [
      { role: 'system', content: PLANNER_PROMPT },
      { role: 'user', content: prompt },
    ],
    planSchema,
    'plan',
    { tools: true },
  );
  return { plan, contextFiles: selection.files.map((file) => file.path) };
}
