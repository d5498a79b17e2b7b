/**
 * Orchestration overhead of the agent graph against real PostgreSQL: full planner → coder →
 * critic → qa → approver loops with an instant in-process model, so what is measured is aos
 * itself (routing, budget reservation and settlement, checkpoints, ledger events, workspace and
 * diffs). Also the YAML snapshot rebuild. Writes metrics/performance/graph_latency.csv, and
 * metrics/performance/graph_sql_per_run.csv: the SQL round trips, statements, transactions and
 * commits of one loop, and the CPU it took here and in PostgreSQL: figures that do not depend on
 * how loaded the machine is.
 *
 * One function per measured scenario (`measure…`); a new scenario is one more function and one
 * more entry in SCENARIOS. The tool-loop scenario also writes `overhead_of_5_tool_calls`: per
 * back-to-back pair, its loop minus the plain loop.
 */
import type { Knex } from 'knex';
import { initialAgentState } from '../../src/agents/agent-state.ts';
import { buildAgentGraph } from '../../src/agents/build-agent-graph.ts';
import { graphFromYaml, graphToYaml } from '../../src/agents/graph/graph-snapshot.ts';
import { runAgent } from '../../src/agents/run-agent.ts';
import type { Workspace } from '../../src/agents/workspace-types.ts';
import { createLocalGitBase } from '../../src/workspace/create-local-git-base.ts';
import { createOverlayWorkspace } from '../../src/workspace/create-overlay-workspace.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createResidencyCheck } from '../../src/llm/create-residency-check.ts';
import { createRouter } from '../../src/llm/router.ts';
import type { CompletionRequest, LlmProvider, ProviderName } from '../../src/llm/types.ts';
import { createLogger, type Logger } from '../../src/observability/logger.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../src/policy/edit-guard/index.ts';
import { createBudgetGuardian } from '../../src/state/budget/budget-guardian.ts';
import { createLedger, type Ledger } from '../../src/state/ledger/ledger.ts';
import { createStateRepository, type StateRepository } from '../../src/state/state-repository.ts';
import { answers, FIXTURE_FILES, FIXTURE_TASK } from '../../test/helpers/agent-fixture.ts';
import { createGitTestRepo } from '../../test/helpers/git-test-repo.ts';
import { recordSql } from '../../test/helpers/record-sql.ts';
import { backendCpuBetween, readBackendCpu } from './lib/backend-cpu.ts';
import { createBenchDatabase } from './lib/bench-database.ts';
import { percentiles, timeMs } from './lib/percentiles.ts';
import { writeCsv } from './lib/write-csv.ts';
import { PLANNER_TOOL_CALLS, TOOL_LOOP_OPERATION, TOOL_OVERHEAD_OPERATION, withPlannerToolCalls } from './lib/tool-loop-scenario.ts';

const RUNS = 80;
const WARMUP = 10;

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

/** What every scenario runs with: one database, one router, one repository. */
interface BenchContext {
  knex: Knex;
  repoDir: string;
  router: ReturnType<typeof createRouter>;
  /** A router like `router` (same database, budget and config) over another model. */
  routerFor: (model: LlmProvider) => ReturnType<typeof createRouter>;
  stateRepository: StateRepository;
  ledger: Ledger;
  logger: Logger;
}

/** What one run sent to the database. */
interface SqlCounts {
  roundTrips: number;
  statements: number;
  transactions: number;
  commits: number;
}

/** One scenario's measurements: a latency per run, the SQL each run sent, and CPU per run. */
interface LoopMeasurement {
  latencies: number[];
  sql: SqlCounts[];
  /** This process's CPU per measured run (user + system). */
  nodeCpuMs: number;
  /** The PostgreSQL backends' CPU per measured run; null when it cannot be read. */
  postgresCpuMs: number | null;
  /** With a baseline: per measured run, its latency minus that of the baseline run just before it. */
  overheads: number[];
}

/** How {@link measureLoops} runs a scenario's loops beyond the defaults. */
interface LoopOptions {
  /** Default the context's router. */
  router?: ReturnType<typeof createRouter>;
  /** The `tool.call` events each run must have in its ledger, or it is not of this scenario. */
  toolCalls?: number;
  /**
   * A run taken just before each run (not counted in its SQL or CPU): on a shared machine the
   * pair sees the same load, so the difference is what the scenario adds to the baseline.
   */
  baseline?: (runId: string) => Promise<number>;
}

/** Runs one full loop on `workspace` and returns its latency; throws unless the approver said ready. */
async function runFullLoop(
  context: BenchContext,
  runId: string,
  workspace: Workspace,
  router: ReturnType<typeof createRouter> = context.router,
): Promise<number> {
  let verdict = '';
  const ms = await timeMs(async () => {
    const outcome = await runAgent({
      runId,
      initialState: initialAgentState(FIXTURE_TASK),
      workspace,
      router,
      stateRepository: context.stateRepository,
      ledger: context.ledger,
      logger: context.logger,
      budget: { runId },
    });
    verdict = outcome.state.approval?.verdict ?? 'none';
  });
  if (verdict !== 'ready')
    throw new Error(`benchmark run ${runId} ended ${verdict}, not ready: the measurement would not be of a full loop`);
  return ms;
}

/**
 * Measures `RUNS` loops after `WARMUP`, each on the workspace `workspaceFor` builds, counting the
 * SQL and the CPU of each measured run (summed run by run, so a baseline run in between is not counted).
 */
async function measureLoops(
  context: BenchContext,
  prefix: string,
  workspaceFor: () => Workspace,
  options: LoopOptions = {},
): Promise<LoopMeasurement> {
  const counter = recordSql(context.knex);
  const result: LoopMeasurement = { latencies: [], sql: [], nodeCpuMs: 0, postgresCpuMs: null, overheads: [] };
  let nodeCpu = 0;
  let backendCpu: number | null = 0;
  try {
    for (let i = 0; i < RUNS + WARMUP; i += 1) {
      const baselineMs = options.baseline ? await options.baseline(`${prefix}-baseline-${i}`) : null;
      const workspace = workspaceFor();
      const cpuBefore = process.cpuUsage();
      const backendBefore = await readBackendCpu(context.knex);
      counter.take();
      const ms = await runFullLoop(context, `${prefix}-${i}`, workspace, options.router);
      const sql = counter.take();
      const cpu = process.cpuUsage(cpuBefore);
      const backend = backendCpuBetween(backendBefore, await readBackendCpu(context.knex));
      if (options.toolCalls !== undefined) {
        const made = (await context.ledger.readEvents(`${prefix}-${i}`)).filter((event) => event.type === 'tool.call').length;
        if (made !== options.toolCalls)
          throw new Error(`benchmark run ${prefix}-${i} made ${made} tool calls, not ${options.toolCalls}: not the scenario to measure`);
      }
      if (i < WARMUP) continue;
      result.latencies.push(ms);
      result.sql.push({ ...sql, commits: sql.commits.length });
      if (baselineMs !== null) result.overheads.push(ms - baselineMs);
      nodeCpu += (cpu.user + cpu.system) / 1000;
      backendCpu = backend === null || backendCpu === null ? null : backendCpu + backend;
    }
    result.nodeCpuMs = nodeCpu / RUNS;
    result.postgresCpuMs = backendCpu === null ? null : backendCpu / RUNS;
  } finally {
    counter.stop();
  }
  return result;
}

/**
 * The loop through a repository base loaded once: as the model is instant, what remains is aos
 * itself (routing, budget, checkpoints, ledger, workspace, diffs).
 */
function measureFullLoopOrchestration(context: BenchContext): Promise<LoopMeasurement> {
  const base = createLocalGitBase({ repoDir: context.repoDir });
  return measureLoops(context, 'bench-graph', () => createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY }));
}

/** The same loop with a new local git base per run, as `aos plan` does, so its git processes are included. */
function measureFullLoopWithGitIo(context: BenchContext): Promise<LoopMeasurement> {
  return measureLoops(context, 'bench-graph-git', () =>
    createOverlayWorkspace({ base: createLocalGitBase({ repoDir: context.repoDir }), policy: DEFAULT_EDIT_GUARD_POLICY }),
  );
}

/**
 * The loop with the planner making five read-only tool calls first, one per turn (five more model
 * turns; scripts/bench/lib/tool-loop-scenario.ts). Each run is paired with the plain loop just
 * before it, for the overhead of the five calls.
 */
function measureFullLoopWithToolCalls(context: BenchContext): Promise<LoopMeasurement> {
  const base = createLocalGitBase({ repoDir: context.repoDir });
  const workspace = () => createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY });
  return measureLoops(context, 'bench-graph-tools', workspace, {
    router: context.routerFor(withPlannerToolCalls(instantModel)),
    toolCalls: PLANNER_TOOL_CALLS.length,
    baseline: (runId) => runFullLoop(context, runId, workspace()),
  });
}

/** Writing the graph to its YAML snapshot and rebuilding it, 200 times. */
function measureYamlSnapshotRebuild(): number[] {
  const { graph, implementations } = buildAgentGraph();
  const rebuilds: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const start = process.hrtime.bigint();
    graphFromYaml(graphToYaml(graph.definition), implementations);
    rebuilds.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return rebuilds;
}

/** The loop scenarios, in the order they run and are written. */
const SCENARIOS: Array<{
  operation: string;
  label: string;
  measure: (context: BenchContext) => Promise<LoopMeasurement>;
  /** The operation of the rows of the measured overheads over the baseline, for a scenario that has one. */
  overheadOperation?: string;
}> = [
  {
    operation: 'full_loop_orchestration',
    label: 'full loop (5 nodes, 4 model calls, instant model)',
    measure: measureFullLoopOrchestration,
  },
  {
    operation: 'full_loop_with_git_io',
    label: 'the same with a new local git base per run (git processes included)',
    measure: measureFullLoopWithGitIo,
  },
  {
    operation: TOOL_LOOP_OPERATION,
    label: 'the same with 5 planner tool calls first (5 more model turns)',
    measure: measureFullLoopWithToolCalls,
    overheadOperation: TOOL_OVERHEAD_OPERATION,
  },
];

/** Builds the shared context on a fresh database, runs every loop scenario, and drops the database. */
async function measureAllLoops(): Promise<Map<string, LoopMeasurement>> {
  const config = loadConfig({ configDir: process.cwd() });
  const logger = createLogger({ level: 'silent' });
  const metrics = createMetrics();
  const repo = createGitTestRepo();
  repo.write(FIXTURE_FILES);
  repo.commitAll('fixture');
  const bench = await createBenchDatabase(10);
  const results = new Map<string, LoopMeasurement>();
  try {
    const knex = bench.db.knex;
    const ledger = createLedger({ knex, metrics });
    const guardian = createBudgetGuardian({ knex, finops: config.finops, alerts: { publish: async () => undefined }, logger });
    const routerFor = (model: LlmProvider) =>
      createRouter({
        config,
        providers: new Map<ProviderName, LlmProvider>([['local', model]]),
        guardian,
        residency: createResidencyCheck(config),
        ledger,
        logger,
      });
    const context: BenchContext = {
      knex,
      repoDir: repo.dir,
      router: routerFor(instantModel),
      routerFor,
      stateRepository: createStateRepository({ knex, logger, metrics }),
      ledger,
      logger,
    };
    for (const scenario of SCENARIOS) results.set(scenario.operation, await scenario.measure(context));
  } finally {
    await bench.drop();
    repo.remove();
  }
  return results;
}

const PERCENTILES = ['p50', 'p95', 'p99'] as const;
const SQL_FIELDS = ['roundTrips', 'statements', 'transactions', 'commits'] as const;

async function main(): Promise<void> {
  const loops = await measureAllLoops();
  const rebuild = percentiles(measureYamlSnapshotRebuild());
  const timestamp = new Date().toISOString();
  const latencyRows: Array<Record<string, string>> = [];
  const sqlRows: Array<Record<string, string | number>> = [];
  for (const scenario of SCENARIOS) {
    const measured = loops.get(scenario.operation)!;
    const stats = percentiles(measured.latencies);
    for (const p of PERCENTILES)
      latencyRows.push({ timestamp, operation: scenario.operation, latency_ms: stats[p].toFixed(3), percentile: p });
    const per = (field: (typeof SQL_FIELDS)[number]) => {
      const values = measured.sql.map((counts) => counts[field]);
      return { mean: values.reduce((sum, value) => sum + value, 0) / values.length, max: Math.max(...values) };
    };
    const figures = Object.fromEntries(SQL_FIELDS.map((field) => [field, per(field)]));
    sqlRows.push({
      timestamp,
      operation: scenario.operation,
      runs: measured.sql.length,
      round_trips_per_run: figures.roundTrips!.mean.toFixed(2),
      statements_per_run: figures.statements!.mean.toFixed(2),
      transactions_per_run: figures.transactions!.mean.toFixed(2),
      commits_per_run: figures.commits!.mean.toFixed(2),
      max_commits_per_run: figures.commits!.max,
      node_cpu_ms_per_run: measured.nodeCpuMs.toFixed(2),
      postgres_cpu_ms_per_run: measured.postgresCpuMs === null ? '' : measured.postgresCpuMs.toFixed(2),
    });
    console.log(`${scenario.label}  p50 ${stats.p50.toFixed(2)} ms  p95 ${stats.p95.toFixed(2)} ms  p99 ${stats.p99.toFixed(2)} ms`);
    if (scenario.overheadOperation) {
      const overhead = percentiles(measured.overheads);
      for (const p of PERCENTILES)
        latencyRows.push({ timestamp, operation: scenario.overheadOperation, latency_ms: overhead[p].toFixed(3), percentile: p });
      console.log(`  over the plain loop just before, per pair: p50 ${overhead.p50.toFixed(2)} ms  p95 ${overhead.p95.toFixed(2)} ms`);
    }
    console.log(
      `  per run: ${figures.roundTrips!.mean.toFixed(2)} SQL round trips, ${figures.statements!.mean.toFixed(2)} statements, ${figures.transactions!.mean.toFixed(2)} transactions, ${figures.commits!.mean.toFixed(2)} commits (at most ${figures.commits!.max}); CPU ${measured.nodeCpuMs.toFixed(2)} ms in this process, ${measured.postgresCpuMs === null ? 'unknown' : `${measured.postgresCpuMs.toFixed(2)} ms`} in PostgreSQL`,
    );
  }
  for (const p of PERCENTILES)
    latencyRows.push({ timestamp, operation: 'yaml_snapshot_rebuild', latency_ms: rebuild[p].toFixed(4), percentile: p });
  writeCsv('metrics/performance/graph_latency.csv', ['timestamp', 'operation', 'latency_ms', 'percentile'], latencyRows);
  writeCsv(
    'metrics/performance/graph_sql_per_run.csv',
    [
      'timestamp',
      'operation',
      'runs',
      'round_trips_per_run',
      'statements_per_run',
      'transactions_per_run',
      'commits_per_run',
      'max_commits_per_run',
      'node_cpu_ms_per_run',
      'postgres_cpu_ms_per_run',
    ],
    sqlRows,
  );
  const orchestration = percentiles(loops.get('full_loop_orchestration')!.latencies);
  console.log(`YAML snapshot write + rebuild  p50 ${rebuild.p50.toFixed(3)} ms  p95 ${rebuild.p95.toFixed(3)} ms`);
  console.log(
    `${orchestration.p95 < 50 ? 'MET    ' : 'NOT MET'} orchestration overhead per full loop p95 < 50 ms: ${orchestration.p95.toFixed(2)} ms`,
  );
  console.log(`${rebuild.p95 < 1000 ? 'MET    ' : 'NOT MET'} YAML snapshot rebuild < 1 s: ${rebuild.p95.toFixed(3)} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
