import type { AgentState } from '../../agents/agent-state.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import type { CiPassRecord, RunCiState } from '../../state/run-ci-state.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { AGENT_CHECK, createOwnedCheckRun } from '../github/check-runs.ts';
import { renderCiProgress } from '../github/render-ci-progress.ts';
import { ciRunReport } from './ci-run-report.ts';
import type { CiResultJob } from './job-types.ts';
import type { WorkerDeps } from './worker-deps.ts';
import { traceCarrier } from '../../observability/tracing/trace-carrier.ts';

/** The commit a run just pushed and what its pass came to. */
export interface PushedPass {
  pullNumber: number;
  branch: string;
  headSha: string;
  /** 0 for the run's first commit, n for the n-th ci-fix pass. */
  pass: number;
  approval: AgentState['approval'];
  /** The CI history of the passes before this one. */
  history: CiPassRecord[];
  /** The CI state the run is in now (a ci-fix pass), to move on from; absent for a run's first commit. */
  from?: Pick<RunCiState, 'phase' | 'headSha'>;
  /** A line for the status comment under the CI lines (the pull request just opened). */
  note?: string;
}

/** The next look at a waiting run's CI, as a queued job. */
export async function schedulePoll(run: RunRecord, ci: RunCiState, deps: WorkerDeps, delayMs: number, attempt: number): Promise<void> {
  if (!deps.schedule || run.installationId === null || !run.owner || !run.repo) return;
  const job: CiResultJob = {
    type: 'ci-result',
    deliveryId: `ci-poll-${run.id}-${ci.headSha.slice(0, 12)}-${attempt}`,
    // A poll belongs to the run: its lines are found under the run id.
    correlationId: run.id,
    installationId: Number(run.installationId),
    owner: run.owner,
    repo: run.repo,
    headSha: ci.headSha,
    runId: run.id,
    source: 'poll',
  };
  await deps.schedule(job, job.deliveryId, Math.max(0, delayMs));
}

/**
 * After aos pushed a commit to its branch, the run waits for the repository's CI on that head:
 * the `aos / agent` check goes `in_progress` on it, the wait is stored on the run (a state any
 * worker carries on, not a sleeping process), the status comment says so, and the first look is
 * queued at the end of the grace period (or the poll interval, if sooner). The check_suite,
 * check_run and status webhooks wake the run before that.
 */
export async function startCiWait(run: RunRecord, deps: WorkerDeps, target: RepoTarget, pushed: PushedPass): Promise<void> {
  const check = await createOwnedCheckRun({
    ...target,
    headSha: pushed.headSha,
    name: AGENT_CHECK,
    externalId: run.id,
    output: {
      title: "Waiting for the repository's CI",
      summary: "aos gives its verdict once the repository's own checks on this commit are done.",
    },
  });
  const ci: RunCiState = {
    phase: 'waiting',
    pass: pushed.pass,
    headSha: pushed.headSha,
    since: (deps.now ?? Date.now)(),
    agentCheckRunId: check.id,
    ownAppId: check.appId,
    approverVerdict: pushed.approval?.verdict === 'ready' ? 'ready' : 'needs-work',
    approverReasons: pushed.approval?.reasons ?? [],
    history: [...pushed.history, { pass: pushed.pass, headSha: pushed.headSha, result: 'waiting', checks: [] }],
    failures: [],
  };
  const trace = traceCarrier();
  if (trace.traceparent !== undefined) ci.trace = trace;
  const patch = { status: 'running' as const, headSha: pushed.headSha, branch: pushed.branch, prNumber: pushed.pullNumber };
  if (pushed.from) {
    if (!(await deps.runStore.swapCi(run.id, pushed.from, ci, patch))) return;
  } else await deps.runStore.updateRun(run.id, { ...patch, ci });
  const stored = (await deps.runStore.getRun(run.id)) ?? run;
  const waiting = { ...stored, ...patch, ci };
  // A webhook may have woken the run and ended it already: then its status comment says more than "waiting".
  if (stored.ci?.phase === 'waiting' && stored.ci.headSha === ci.headSha)
    await (await ciRunReport(waiting, deps, target)).status(null, undefined, renderCiProgress(ci.history, pushed.note));
  await schedulePoll(waiting, ci, deps, Math.min(deps.ci.graceMs, deps.ci.pollMs), ci.since);
}
