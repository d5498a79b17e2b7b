import { editsSchema } from '../agent-schemas.ts';
import type { NodeContext } from '../agent-context.ts';
import type { AgentState } from '../agent-state.ts';
import { CODER_PROMPT } from '../prompts/system-prompts.ts';
import type { Edit } from '../workspace-types.ts';
import { fileBlock, findingsBlock, planBlock } from './format-blocks.ts';

/** Attempts per coder pass when edits do not apply (search text not found, or found twice). */
const MAX_APPLY_ATTEMPTS = 3;

const toEdit = (edit: { kind: 'replace' | 'create' | 'delete'; path: string; search: string; replace: string }): Edit =>
  edit.kind === 'replace'
    ? { kind: 'replace', path: edit.path, search: edit.search, replace: edit.replace }
    : edit.kind === 'create'
      ? { kind: 'create', path: edit.path, content: edit.replace }
      : { kind: 'delete', path: edit.path };

/**
 * The coder: asks for edits, applies them through the workspace (and so through the edit guard).
 * Edits that do not apply are sent back with the error, a bounded number of times; edits the
 * guard refuses are recorded with their rule and not argued with. The model may read files it was
 * not given through the read-only tools before it answers.
 */
export async function coderNode(state: Readonly<AgentState>, context: NodeContext): Promise<Partial<AgentState>> {
  const plan = state.plan!;
  const paths = [...new Set([...plan.files_to_change, ...state.contextFiles])];
  const files: string[] = [];
  // A plan may name a secret file; the coder gets it as little as the planner did.
  for (const path of paths.filter((candidate) => !context.workspace.isSecretFile(candidate))) {
    const content = await context.workspace.readFile(path);
    if (content !== null) files.push(fileBlock(path, content));
  }
  const feedback: string[] = [];
  if (state.critic?.verdict === 'revise') {
    feedback.push('Reviewer findings to address:', ...state.critic.findings.map((f) => `${f.path}:${f.line} [${f.severity}] ${f.message}`));
  }
  const base = [planBlock(plan), 'Current files:', ...files, ...(feedback.length > 0 ? [findingsBlock(feedback)] : [])].join('\n\n');
  const failures: AgentState['editFailures'] = [];
  let retryNote: string[] = [];
  for (let attempt = 0; attempt < MAX_APPLY_ATTEMPTS; attempt += 1) {
    const prompt =
      retryNote.length > 0
        ? `${base}\n\n${findingsBlock(['These edits could not be applied; send corrected edits for them only:', ...retryNote])}`
        : base;
    const answer = await context.llm.structured(
      'coding',
      [
        { role: 'system', content: CODER_PROMPT },
        { role: 'user', content: prompt },
      ],
      editsSchema,
      'edits',
      { tools: true },
    );
    const outcomes = await context.workspace.applyEdits(answer.edits.map(toEdit));
    retryNote = [];
    for (const outcome of outcomes) {
      if (outcome.ok) continue;
      if (outcome.rule) failures.push({ path: outcome.path, reason: outcome.reason, rule: outcome.rule });
      else retryNote.push(`${outcome.path}: ${outcome.reason}`);
    }
    if (retryNote.length === 0) break;
  }
  for (const note of retryNote) failures.push({ path: note.split(':')[0] ?? '', reason: note, rule: null });
  return {
    changes: Object.fromEntries(context.workspace.changedFiles()),
    diff: await context.workspace.unifiedDiff(),
    editFailures: failures,
    iteration: state.iteration + 1,
  };
}
