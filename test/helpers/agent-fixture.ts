import type { Knex } from 'knex';
import { loadConfig } from '#src/config/index.ts';
import { initialAgentState, type AgentState } from '#src/agents/agent-state.ts';
import { runAgent, type RunAgentOptions } from '#src/agents/run-agent.ts';
import { createLocalGitBase } from '#src/workspace/create-local-git-base.ts';
import { createOverlayWorkspace } from '#src/workspace/create-overlay-workspace.ts';
import { createResidencyCheck } from '#src/llm/create-residency-check.ts';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { createRouter } from '#src/llm/router.ts';
import type { LlmProvider, ProviderName } from '#src/llm/types.ts';
import type { Logger } from '#src/observability/logger.ts';
import { createMetrics } from '#src/observability/metrics.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '#src/policy/edit-guard/edit-guard-policy.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { createLedger } from '#src/state/ledger/ledger.ts';
import { createStateRepository } from '#src/state/state-repository.ts';
import { completionBody } from './openai-double.ts';

/** The small repository every agent scenario runs on: `add` subtracts, the issue asks to fix it. */
export const FIXTURE_FILES = {
  'package.json': '{\n  "name": "fixture",\n  "version": "1.0.0",\n  "type": "module"\n}\n',
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a - b;\n}\n',
  'src/index.ts': "import { add } from './math.ts';\n\nconsole.log(add(2, 3));\n",
  'README.md': '# fixture\n\nAdds numbers.\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
};

export const FIXTURE_TASK = {
  title: 'add() subtracts instead of adding',
  body: 'Calling add(2, 3) in src/math.ts returns -1. It should return 5.',
  comments: [],
  instructions: '',
};

/** Scripted model answers, as OpenAI-compatible HTTP responses, in the order the graph asks. */
export const answers = {
  plan: (overrides: Record<string, unknown> = {}) => ({
    summary: 'Make add() return the sum.',
    steps: ['Change the subtraction in src/math.ts to an addition'],
    files_to_change: ['src/math.ts'],
    acceptance_criteria: ['add(2, 3) returns 5'],
    risks: [],
    estimated_cost_eur: 0.02,
    ...overrides,
  }),
  edits: (edits: Array<Record<string, string>>) => ({ edits: edits.map((edit) => ({ search: '', replace: '', ...edit })), notes: '' }),
  critic: (verdict: 'pass' | 'revise', findings: Array<Record<string, unknown>> = []) => ({
    verdict,
    summary: verdict === 'pass' ? 'Correct and complete.' : 'Needs another change.',
    findings,
  }),
  acceptance: (met = true) => ({ criteria: [{ criterion: 'add(2, 3) returns 5', met, evidence: 'src/math.ts line 2 returns a + b' }] }),
};

/** An HTTP answer for the double: JSON content, or raw text for malformed-output scenarios. */
export const reply = (content: unknown) => ({
  status: 200,
  body: completionBody(typeof content === 'string' ? content : JSON.stringify(content), undefined, 'Qwen/Qwen2.5-Coder-32B-Instruct'),
});

/** Everything needed to run the agent against a fixture repository, a model double and a database. */
export function agentHarness(options: { knex: Knex; repoDir: string; modelUrl: string; logger: Logger; configDir?: string }) {
  const config = loadConfig({ configDir: options.configDir ?? process.cwd(), env: { AOS_LOCAL_LLM_URL: options.modelUrl } });
  const metrics = createMetrics();
  const ledger = createLedger({ knex: options.knex, metrics });
  const stateRepository = createStateRepository({ knex: options.knex, logger: options.logger, metrics });
  const guardian = createBudgetGuardian({
    knex: options.knex,
    finops: config.finops,
    alerts: { publish: async () => undefined },
    logger: options.logger,
  });
  // Only the on-premise provider is configured: the routes fall back to it, and residency allows its loopback host.
  const providers = new Map<ProviderName, LlmProvider>([
    ['local', createOpenAiProvider({ name: 'local', baseURL: config.residency.vendors.local!.endpoint })],
  ]);
  const router = createRouter({
    config,
    providers,
    guardian,
    residency: createResidencyCheck(config),
    ledger,
    logger: options.logger,
    sleep: async () => undefined,
  });
  const workspace = () =>
    createOverlayWorkspace({ base: createLocalGitBase({ repoDir: options.repoDir }), policy: DEFAULT_EDIT_GUARD_POLICY });
  const run = (runId: string, state: AgentState = initialAgentState(FIXTURE_TASK), extra: Partial<RunAgentOptions> = {}) =>
    runAgent({
      runId,
      initialState: state,
      workspace: workspace(),
      router,
      stateRepository,
      ledger,
      logger: options.logger,
      budget: { runId },
      ...extra,
    });
  return { config, ledger, stateRepository, router, guardian, workspace, run };
}
