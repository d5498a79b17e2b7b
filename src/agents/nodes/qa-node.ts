import { acceptanceSchema } from '../agent-schemas.ts';
import type { NodeContext } from '../agent-context.ts';
import type { AgentState, QaCheck } from '../agent-state.ts';
import { QA_PROMPT } from '../prompts/system-prompts.ts';
import { checkSyntax } from './check-syntax.ts';
import { diffBlock, planBlock } from './format-blocks.ts';

const MANIFEST =
  /(^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|requirements[^/]*\.txt|poetry\.lock|uv\.lock)$/;

/**
 * QA: deterministic checks first (every edit applied, changed files parse, the edit guard held,
 * added dependencies are real, the test command passes), then the model's check of the plan's
 * acceptance criteria. Each check reports pass or fail with its evidence.
 */
export async function qaNode(state: Readonly<AgentState>, context: NodeContext): Promise<Partial<AgentState>> {
  const checks: QaCheck[] = [];
  const applyFailures = state.editFailures.filter((failure) => !failure.rule);
  checks.push({
    name: 'edits applied',
    passed: applyFailures.length === 0,
    evidence:
      applyFailures.length === 0 ? `${Object.keys(state.changes).length} file(s) changed` : applyFailures.map((f) => f.reason).join('; '),
  });

  const syntaxProblems: string[] = [];
  let parsed = 0;
  for (const [path, content] of Object.entries(state.changes)) {
    if (content === null) continue;
    const result = checkSyntax(path, content);
    if (result === null) continue;
    parsed += 1;
    if (!result.ok) syntaxProblems.push(`${path}: ${result.problem}`);
  }
  checks.push({
    name: 'changed files parse',
    passed: syntaxProblems.length === 0,
    evidence: syntaxProblems.length === 0 ? `${parsed} JSON/YAML/TS/JS file(s) parse` : syntaxProblems.join('; '),
  });

  const refused = state.editFailures.filter((failure) => failure.rule);
  checks.push({
    name: 'edit guard',
    passed: refused.length === 0,
    evidence: refused.length === 0 ? 'no edit was refused' : refused.map((f) => `${f.path}: ${f.rule}`).join('; '),
  });

  const manifests = new Map(Object.entries(state.changes).filter(([path]) => MANIFEST.test(path)));
  if (manifests.size > 0 && context.dependencies) {
    const verdict = await context.dependencies.verifyChanges(manifests, (path) => context.workspace.readBaseFile(path));
    checks.push({ name: 'package reality', passed: verdict.passed, evidence: verdict.evidence });
  }

  if (state.settings.testCommand && context.tests) {
    const result = await context.tests.run(state.settings.testCommand, state.settings.testTimeoutMs);
    checks.push({
      name: 'test command',
      passed: result.passed,
      evidence: result.timedOut ? `timed out after ${state.settings.testTimeoutMs} ms` : result.output.slice(-2000),
    });
  }

  const diff = await context.workspace.unifiedDiff();
  if (state.plan && diff.trim() !== '') {
    const acceptance = await context.llm.structured(
      'qa',
      [
        { role: 'system', content: QA_PROMPT },
        { role: 'user', content: `${planBlock(state.plan)}\n\n${diffBlock(diff)}` },
      ],
      acceptanceSchema,
      'acceptance',
    );
    for (const item of acceptance.criteria)
      checks.push({ name: `acceptance: ${item.criterion}`, passed: item.met, evidence: item.evidence });
  }
  return { qa: { checks, passed: checks.every((check) => check.passed), findings: [] } };
}
