/**
 * Orchestration overhead of the agent graph against real PostgreSQL: full planner → coder →
 * critic → qa → approver loops with an instant in-process model, so what is measured is aos
 * itself (routing, budget reservation and settlement, checkpoints, ledger events, workspace and
 * diffs). Also the YAML snapshot rebuild. Writes metrics/performance/graph_latency.csv.
 */
import { initialAgentState } from '../../src/agents/agent-state.ts';
import { buildAgentGraph } from '../../src/agents/build-agent-graph.ts';
import { graphFromYaml, graphToYaml } from '../../src/agents/graph/graph-snapshot.ts';
import { runAgent } from '../../src/agents/run-agent.ts';
import { createLocalGitBase } from '../../src/workspace/create-local-git-base.ts';
import { createOverlayWorkspace } from '../../src/workspace/create-overlay-workspace.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createResidencyCheck } from '../../src/llm/create-residency-check.ts';
import { createRouter } from '../../src/llm/router.ts';
import type { CompletionRequest, LlmProvider, ProviderName } from '../../src/llm/types.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../src/policy/edit-guard/index.ts';
import { createBudgetGuardian } from '../../src/state/budget/budget-guardian.ts';
import { createLedger } from '../../src/state/ledger/ledger.ts';
import { createStateRepository } from '../../src/state/state-repository.ts';
import { answers, FIXTURE_FILES, FIXTURE_TASK } from '../../test/helpers/agent-fixture.ts';
import { createGitTestRepo } from '../../test/helpers/git-test-repo.ts';
import { createBenchDatabase } from './lib/bench-database.ts';
import { percentiles, timeMs } from './lib/percentiles.ts';
import { writeCsv } from './lib/write-csv.ts';
import { measureToolLoop, TOOL_LOOP_OPERATION, TOOL_OVERHEAD_OPERATION } from './lib/tool-loop-scenario.ts';

const RUNS = 80;

/** An instant model: answers by the schema it is asked for, with no network and no delay. */
const instantModel: LlmProvider = {
  name: 'local',
  endpoint: 'http://127.0.0.1:8000/v1',
  async complete(request: CompletionRequest) {
    const byName: Record<string, unknown> = {
      plan: answers.plan(),
      edits: answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }]),
      review: answers.critic('pass'),
      acceptance: answers.acceptance(),
    };
    const structured = byName[request.schema?.name ?? ''];
    return {
      provider: 'local',
      model: request.model,
      text: JSON.stringify(structured),
      structured,
      usage: { inputTokens: 1200, outputTokens: 300 },
      finishReason: 'stop',
    };
  },
};

async function main(): Promise<void> {
  const config = loadConfig({ configDir: process.cwd() });
  const logger = createLogger({ level: 'silent' });
  const metrics = createMetrics();
  const repo = createGitTestRepo();
  repo.write(FIXTURE_FILES);
  repo.commitAll('fixture');
  const bench = await createBenchDatabase(10);
  // Two measurements of the same loop. `full_loop_orchestration` reads the repository through a
  // base loaded once, as the model is instant: what remains is aos itself (routing, budget,
  // checkpoints, ledger, workspace, diffs). `full_loop_with_git_io` builds a new local git base
  // per run, as `aos plan` does, so its git processes are included too.
  const samples: number[] = [];
  const withGit: number[] = [];
  let toolLoop = { withTools: [0], overhead: [0] };
  try {
    const ledger = createLedger({ knex: bench.db.knex, metrics });
    const stateRepository = createStateRepository({ knex: bench.db.knex, logger, metrics });
    const guardian = createBudgetGuardian({
      knex: bench.db.knex,
      finops: config.finops,
      alerts: { publish: async () => undefined },
      logger,
    });
    const router = createRouter({
      config,
      providers: new Map<ProviderName, LlmProvider>([['local', instantModel]]),
      guardian,
      residency: createResidencyCheck(config),
      ledger,
      logger,
    });
    const sharedBase = createLocalGitBase({ repoDir: repo.dir });
    const loop = async (runId: string, base: ReturnType<typeof createLocalGitBase>) => {
      const workspace = createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY });
      let verdict = '';
      const ms = await timeMs(async () => {
        const outcome = await runAgent({
          runId,
          initialState: initialAgentState(FIXTURE_TASK),
          workspace,
          router,
          stateRepository,
          ledger,
          logger,
          budget: { runId },
        });
        verdict = outcome.state.approval?.verdict ?? 'none';
      });
      if (verdict !== 'ready')
        throw new Error(`benchmark run ${runId} ended ${verdict}, not ready: the measurement would not be of a full loop`);
      return ms;
    };
    for (let i = 0; i < RUNS + 10; i += 1) {
      const cached = await loop(`bench-graph-${i}`, sharedBase);
      const fresh = await loop(`bench-graph-git-${i}`, createLocalGitBase({ repoDir: repo.dir }));
      if (i >= 10) {
        samples.push(cached);
        withGit.push(fresh);
      }
    }
    // The same loop with the planner making five tool calls first (scripts/bench/lib/tool-loop-scenario.ts).
    toolLoop = await measureToolLoop({ config, ledger, stateRepository, guardian, logger, base: sharedBase, instantModel }, RUNS, 10);
  } finally {
    await bench.drop();
    repo.remove();
  }

  const { graph, implementations } = buildAgentGraph();
  const rebuilds: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const start = process.hrtime.bigint();
    graphFromYaml(graphToYaml(graph.definition), implementations);
    rebuilds.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const loopStats = percentiles(samples);
  const gitStats = percentiles(withGit);
  const rebuild = percentiles(rebuilds);
  const toolStats = percentiles(toolLoop.withTools);
  const overheadStats = percentiles(toolLoop.overhead);
  const timestamp = new Date().toISOString();
  writeCsv(
    'metrics/performance/graph_latency.csv',
    ['timestamp', 'operation', 'latency_ms', 'percentile'],
    [
      ...(['p50', 'p95', 'p99'] as const).map((p) => ({
        timestamp,
        operation: 'full_loop_orchestration',
        latency_ms: loopStats[p].toFixed(3),
        percentile: p,
      })),
      ...(['p50', 'p95', 'p99'] as const).map((p) => ({
        timestamp,
        operation: 'full_loop_with_git_io',
        latency_ms: gitStats[p].toFixed(3),
        percentile: p,
      })),
      ...(['p50', 'p95', 'p99'] as const).map((p) => ({
        timestamp,
        operation: TOOL_LOOP_OPERATION,
        latency_ms: toolStats[p].toFixed(3),
        percentile: p,
      })),
      ...(['p50', 'p95', 'p99'] as const).map((p) => ({
        timestamp,
        operation: TOOL_OVERHEAD_OPERATION,
        latency_ms: overheadStats[p].toFixed(3),
        percentile: p,
      })),
      ...(['p50', 'p95', 'p99'] as const).map((p) => ({
        timestamp,
        operation: 'yaml_snapshot_rebuild',
        latency_ms: rebuild[p].toFixed(4),
        percentile: p,
      })),
    ],
  );
  console.log(
    `full loop (5 nodes, 4 model calls, instant model)  p50 ${loopStats.p50.toFixed(2)} ms  p95 ${loopStats.p95.toFixed(2)} ms  p99 ${loopStats.p99.toFixed(2)} ms`,
  );
  console.log(
    `the same with a new local git base per run (git processes included)  p50 ${gitStats.p50.toFixed(2)} ms  p95 ${gitStats.p95.toFixed(2)} ms`,
  );
  console.log(
    `the same with 5 planner tool calls first (5 more model turns)  p50 ${toolStats.p50.toFixed(2)} ms  p95 ${toolStats.p95.toFixed(2)} ms  overhead of the 5 calls, per back-to-back pair: p50 ${overheadStats.p50.toFixed(2)} ms  p95 ${overheadStats.p95.toFixed(2)} ms`,
  );
  console.log(`YAML snapshot write + rebuild  p50 ${rebuild.p50.toFixed(3)} ms  p95 ${rebuild.p95.toFixed(3)} ms`);
  console.log(
    `${loopStats.p95 < 50 ? 'MET    ' : 'NOT MET'} orchestration overhead per full loop p95 < 50 ms: ${loopStats.p95.toFixed(2)} ms`,
  );
  console.log(`${rebuild.p95 < 1000 ? 'MET    ' : 'NOT MET'} YAML snapshot rebuild < 1 s: ${rebuild.p95.toFixed(3)} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
