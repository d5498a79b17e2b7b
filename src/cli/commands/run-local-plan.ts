import { randomUUID } from 'node:crypto';
import { createDependencyVerifier } from '../../agents/create-dependency-verifier.ts';
import { createWorktreeTestRunner } from '../../workspace/create-worktree-test-runner.ts';
import { initialAgentState, type AgentState, type AgentTask } from '../../agents/agent-state.ts';
import { END } from '../../agents/graph/graph-types.ts';
import { runAgent } from '../../agents/run-agent.ts';
import { commitOverlayToBranch } from '../../workspace/commit-overlay-to-branch.ts';
import type { LocalGitBase } from '../../workspace/create-local-git-base.ts';
import { createOverlayWorkspace } from '../../workspace/create-overlay-workspace.ts';
import { composeAgentDeps } from '../../compose/compose-agent-deps.ts';
import type { AosConfig, AosEnv } from '../../config/index.ts';
import { loadPackageRealityPolicy } from '../../config/load-package-reality-policy.ts';
import { processEnvironment } from '../../config/process-environment.ts';
import { resolveNpmRegistry } from '../../config/resolve-npm-registry.ts';
import { isAosError } from '../../observability/aos-error.ts';
import { withCorrelation, type Logger } from '../../observability/logger.ts';
import { createPackageClients } from '../../packages/create-package-clients.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../policy/edit-guard/index.ts';
import type { Backends } from '../../store/open-backends.ts';
import { branchNameForTask } from './branch-name-for-task.ts';
import type { ProgressReporter } from './create-progress-reporter.ts';
import { gitAuthor } from './git-author.ts';
import type { PlanReport } from './plan-report.ts';

/** Options of {@link runLocalPlan}. */
export interface LocalPlanOptions {
  repoDir: string;
  base: LocalGitBase;
  baseSha: string;
  task: string;
  dryRun: boolean;
  testCommand: string | null;
  maxIterations: number;
  /** Read-only tool calls per planner or coder pass (0: no tools). */
  maxToolCalls: number;
  contextTokenBudget: number;
  /** The run's cap in EUR; default `run_default_cap_eur`. */
  budgetEur: number | undefined;
  env: AosEnv;
  config: AosConfig;
  backends: Backends;
  logger: Logger;
  progress: ProgressReporter;
  /** Asked between nodes (Ctrl-C); true stops the run after the current node. */
  isCancelled: () => boolean;
}

const TITLE_LIMIT = 200;

/** The task as an issue would give it: the first line is the title, the rest the body. */
function taskOf(text: string): AgentTask {
  const [first = '', ...rest] = text.trim().split(/\r?\n/);
  return { title: first.trim().slice(0, TITLE_LIMIT), body: rest.join('\n').trim(), comments: [], instructions: '' };
}

/** A word or two after each node's progress line: what it decided. */
function nodeNote(node: string, state: AgentState): string {
  if (state.failure) return `stopped: ${state.failure.code}`;
  if (node === 'planner') return state.plan ? `${state.plan.steps.length} step(s), ${state.plan.files_to_change.length} file(s)` : '';
  if (node === 'coder')
    return `${Object.keys(state.changes).length} file(s) changed${state.editFailures.length > 0 ? `, ${state.editFailures.length} edit(s) failed` : ''}`;
  if (node === 'critic') return state.critic?.verdict ?? '';
  if (node === 'qa')
    return state.qa ? `${state.qa.checks.filter((check) => check.passed).length}/${state.qa.checks.length} checks passed` : '';
  return state.approval?.verdict ?? '';
}

/**
 * `aos plan` on a local checkout: records a `local` run with its base commit, runs the agent graph
 * on an overlay over that commit (package reality on changed manifests, the optional test command
 * in a throw-away worktree), and commits a change to a new branch `aos/<slug>-<hex>` without
 * touching the working tree, the index or the current branch. The run's status, verdict, cost,
 * final state hash, branch and commit are stored at the end, also when it fails.
 */
export async function runLocalPlan(options: LocalPlanOptions): Promise<PlanReport> {
  const { repoDir, base, baseSha, env, config, progress } = options;
  const policy = loadPackageRealityPolicy(env.AOS_CONFIG_DIR);
  const deps = composeAgentDeps({ env, config, backends: options.backends, logger: options.logger });
  const runId = randomUUID();
  await deps.runStore.createRun({ kind: 'local', repo: repoDir, baseSha, instructions: options.task, dryRun: options.dryRun }, runId);
  await deps.runStore.updateRun(runId, { status: 'running', startedAt: new Date().toISOString() });
  const workspace = createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY });
  const readBase = async (path: string) => (await base.readBlob(path))?.toString('utf8') ?? null;
  const dependencies = createDependencyVerifier({
    policy,
    readBase,
    clients: async () =>
      createPackageClients({
        npmRegistries: await resolveNpmRegistry({ cwd: repoDir }),
        pypiUrl: env.AOS_PYPI_URL,
        osvUrl: env.AOS_OSV_URL,
        policy,
      }).clients,
  });
  const tests =
    options.testCommand === null
      ? undefined
      : createWorktreeTestRunner({ repoDir, baseRef: baseSha, changes: () => workspace.changedFiles(), environment: processEnvironment() });
  const initialState = initialAgentState(taskOf(options.task), {
    maxIterations: options.maxIterations,
    maxToolCalls: options.maxToolCalls,
    contextTokenBudget: options.contextTokenBudget,
    testCommand: options.testCommand,
    dryRun: options.dryRun,
  });
  let costEur = 0;
  let modelCalls = 0;
  try {
    progress.start('planner');
    const outcome = await runAgent({
      runId,
      initialState,
      workspace,
      router: deps.router,
      stateRepository: deps.stateRepository,
      ledger: deps.ledger,
      // A local run's lines carry its id, as a server run's do.
      logger: withCorrelation(options.logger, runId, { run_id: runId }),
      budget: { runId, ...(options.budgetEur === undefined ? {} : { runCapEur: options.budgetEur }) },
      dependencies,
      ...(tests ? { tests } : {}),
      isCancelled: async () => options.isCancelled(),
      async onNodeCompleted({ node, next, state, usage, durationMs }) {
        costEur += usage.costEur;
        modelCalls += usage.calls;
        const note = nodeNote(node, state);
        progress.line(
          `${node} ${state.failure ? '✗' : '✓'} ${(durationMs / 1000).toFixed(1)} s €${usage.costEur.toFixed(4)}${note ? `  ${note}` : ''}`,
        );
        if (next !== END) progress.start(next);
      },
    });
    progress.stop();
    const { state } = outcome;
    const changes = new Map(Object.entries(state.changes));
    let branch: string | null = null;
    let commit: string | null = null;
    let commitNote: string | null = null;
    if (!options.dryRun && outcome.status === 'completed' && changes.size > 0) {
      const name = branchNameForTask(options.task, runId);
      const message = `${taskOf(options.task).title}\n\n${state.plan?.summary ?? ''}\n\naos run ${runId}, verdict ${state.approval?.verdict ?? 'none'}\n`;
      try {
        commit = await commitOverlayToBranch({
          repoDir,
          baseRef: baseSha,
          branch: name,
          message,
          changes,
          author: await gitAuthor(repoDir),
        });
        branch = name;
      } catch (error) {
        if (!isAosError(error, 'git_nothing_to_commit') && !isAosError(error, 'git_branch_exists')) throw error;
        commitNote = `not committed: ${(error as Error).message}`;
      }
    }
    const status = outcome.status === 'cancelled' ? 'cancelled' : state.failure ? 'failed' : 'completed';
    await deps.runStore.updateRun(runId, {
      status,
      verdict: state.approval?.verdict ?? null,
      costEur,
      finalStateHash: outcome.finalStateHash,
      branch,
      headSha: commit,
      error: state.failure?.message ?? null,
      finishedAt: new Date().toISOString(),
    });
    await deps.stateRepository.flush();
    const files = await workspace.diff();
    return {
      runId,
      status,
      baseSha,
      dryRun: options.dryRun,
      state,
      files,
      costEur,
      modelCalls,
      branch,
      commit,
      commitNote,
      finalStateHash: outcome.finalStateHash,
    };
  } catch (error) {
    progress.stop();
    await deps.runStore
      .updateRun(runId, {
        status: 'failed',
        costEur,
        error: error instanceof Error ? error.message : String(error),
        finishedAt: new Date().toISOString(),
      })
      .catch(() => undefined);
    throw error;
  }
}
