import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { parseDocument } from 'yaml';
import { initialAgentState } from '#src/agents/agent-state.ts';
import { runAgent } from '#src/agents/run-agent.ts';
import { createLocalGitBase } from '#src/workspace/create-local-git-base.ts';
import { createOverlayWorkspace } from '#src/workspace/create-overlay-workspace.ts';
import { createMetricsHandler } from '#src/app/http/create-metrics-handler.ts';
import { createRunPagesHandler } from '#src/app/http/run-pages/create-run-pages-handler.ts';
import { readAllCaps } from '#src/app/http/run-pages/read-all-caps.ts';
import { loadConfig } from '#src/config/index.ts';
import { createResidencyCheck } from '#src/llm/create-residency-check.ts';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { createRouter } from '#src/llm/router.ts';
import type { LlmProvider, ProviderName } from '#src/llm/types.ts';
import { createDailySpendReader } from '#src/state/budget/read-daily-spend.ts';
import { createMetrics } from '#src/observability/metrics.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '#src/policy/edit-guard/edit-guard-policy.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { createLedger } from '#src/state/ledger/ledger.ts';
import { createRunStore } from '#src/state/run-store.ts';
import { createStateRepository } from '#src/state/state-repository.ts';
import { answers, FIXTURE_FILES, FIXTURE_TASK } from '../../helpers/agent-fixture.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { createGitTestRepo } from '../../helpers/git-test-repo.ts';
import { completionBody, startOpenAiDouble } from '../../helpers/openai-double.ts';

export const LINK_SECRET = 'run-pages-test-secret-of-32-bytes';
const MODEL = 'Qwen/Qwen2.5-Coder-32B-Instruct';
/** A price for the on-premise model (0 in the shipped policy), so every node has a cost to add up. */
const PRICE_PER_1K = 0.0417;
/** Planner, coder, critic (revise), coder, critic (pass), QA, approver. */
export const EXPECTED_NODES = ['planner', 'coder', 'critic', 'coder', 'critic', 'qa', 'approver'];
/** A finding whose text is markup: the page must show it as text. */
export const HOSTILE_FINDING = '<script>alert("pwned")</script> keep a + b & not b + a';

const answer = (content: unknown, promptTokens: number, completionTokens: number) => ({
  status: 200,
  body: completionBody(JSON.stringify(content), { prompt_tokens: promptTokens, completion_tokens: completionTokens }, MODEL),
});

/** The repository's policies and configs in a temporary folder, with the local model priced. */
function pricedConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aos-run-pages-config-'));
  cpSync(join(process.cwd(), 'policies'), join(dir, 'policies'), { recursive: true });
  cpSync(join(process.cwd(), 'configs'), join(dir, 'configs'), { recursive: true });
  const file = join(dir, 'configs/model_routing.yaml');
  const document = parseDocument(readFileSync(file, 'utf8'));
  document.setIn(['providers', 'local', 'cost_per_1k_tokens', MODEL], PRICE_PER_1K);
  writeFileSync(file, document.toString());
  return dir;
}

/**
 * Runs a real agent run (scripted model double, fixture git repository, the given database),
 * records it as a finished issue run, and serves the run pages and `/metrics` on a real HTTP
 * server on 127.0.0.1.
 */
export async function startRunPagesServer(knex: Knex) {
  const { logger } = captureLogger();
  const repo = createGitTestRepo();
  repo.write(FIXTURE_FILES);
  repo.commitAll('fixture');
  const script = [
    answer(answers.plan(), 900, 210),
    answer(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return b + a;' }]), 1400, 95),
    answer(answers.critic('revise', [{ path: 'src/math.ts', line: 2, severity: 'minor', message: HOSTILE_FINDING }]), 1250, 130),
    answer(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return b + a;', replace: 'return a + b;' }]), 1530, 88),
    answer(answers.critic('pass'), 1310, 41),
    answer(answers.acceptance(), 1020, 77),
  ];
  const model = await startOpenAiDouble(
    (_body, index) => script[index] ?? { status: 400, body: { error: { message: `unscripted request ${index + 1}` } } },
  );
  const configDir = pricedConfigDir();
  const config = loadConfig({ configDir, env: { AOS_LOCAL_LLM_URL: model.url } });
  const metrics = createMetrics();
  const ledger = createLedger({ knex, metrics });
  const stateRepository = createStateRepository({ knex, logger, metrics });
  const guardian = createBudgetGuardian({ knex, finops: config.finops, alerts: { publish: async () => undefined }, logger });
  const providers = new Map<ProviderName, LlmProvider>([
    ['local', createOpenAiProvider({ name: 'local', baseURL: config.residency.vendors.local!.endpoint })],
  ]);
  const router = createRouter({
    config,
    providers,
    guardian,
    residency: createResidencyCheck(config),
    ledger,
    logger,
    sleep: async () => undefined,
  });
  const runStore = createRunStore(knex);

  const created = await runStore.createRun({
    kind: 'issue',
    owner: 'octo-org',
    repo: 'widgets',
    issueNumber: 42,
    requestedBy: 'octocat',
    installationId: 7,
  });
  if (!created.created) throw new Error('the fixture run already exists');
  const runId = created.run.id;
  await runStore.updateRun(runId, { status: 'running', startedAt: new Date().toISOString() });
  const outcome = await runAgent({
    runId,
    initialState: initialAgentState(FIXTURE_TASK),
    workspace: createOverlayWorkspace({ base: createLocalGitBase({ repoDir: repo.dir }), policy: DEFAULT_EDIT_GUARD_POLICY }),
    router,
    stateRepository,
    ledger,
    logger,
    budget: { runId },
  });
  const events = await ledger.readEvents(runId);
  const costEur = events
    .filter((event) => event.type === 'node.completed')
    .reduce((sum, event) => sum + (event.payload as { cost_eur: number }).cost_eur, 0);
  await runStore.updateRun(runId, {
    status: 'completed',
    verdict: outcome.state.approval?.verdict ?? null,
    prNumber: 43,
    branch: `aos/issue-42-${runId.slice(0, 8)}`,
    costEur,
    finalStateHash: outcome.finalStateHash,
    finishedAt: new Date().toISOString(),
  });

  const handlers = [
    createMetricsHandler(metrics.registry),
    createRunPagesHandler({
      secret: LINK_SECRET,
      runStore,
      ledger,
      stateRepository,
      remainingBudget: readAllCaps(guardian, ['local']),
      dailySpend: createDailySpendReader(knex),
      githubWebUrl: 'https://github.com',
      logger,
    }),
  ];
  const server = http.createServer((req, res) => {
    void (async () => {
      for (const handler of handlers) if (await handler(req, res)) return;
      res.writeHead(404).end('not found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    runId,
    outcome,
    events,
    metrics,
    guardian,
    ledger,
    modelCalls: model.count,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await model.close();
      repo.remove();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
