import type { RepoTarget } from '../../lib/repo-target.ts';
import { recordCheckRun } from '../../observability/record-check-run.ts';
import type { RunCiState } from '../../state/run-ci-state.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { completeCheckRun } from '../github/check-runs.ts';
import { formatEur } from '../github/format-eur.ts';
import { linkableRepository } from '../github/linkable-repository.ts';
import { renderAgentCheck } from '../github/render-agent-check.ts';
import { renderCiProgress } from '../github/render-ci-progress.ts';
import { updatePullRequestVerdict } from '../github/update-pull-request-verdict.ts';
import { ciRunReport } from './ci-run-report.ts';
import type { WorkerDeps } from './worker-deps.ts';

const pullOf = ({ owner, repo }: RepoTarget) => ({ owner, repo });

/** How a run's wait for CI ended. */
export interface CiEnding {
  verdict: 'ready' | 'needs-work';
  outcome: 'succeeded' | 'cancelled';
  /** Why, for the check, the status comment and the notification (already-sanitized CI text may be in it). */
  reason: string;
  /** Whether the pull request may leave draft when ready (`draft: always` keeps it a draft). */
  markReady: boolean;
}

/**
 * Ends a run once its CI is decided (after the state was swapped off `waiting`, so only one
 * worker gets here): the `aos / agent` check on the final head concludes success only when the
 * approver said ready and the counted checks are green; the verdict label follows; the status
 * comment shows the CI of every pass and the run ends with its cost.
 */
export async function finishCiWait(run: RunRecord, ci: RunCiState, deps: WorkerDeps, target: RepoTarget, ending: CiEnding) {
  const agent = renderAgentCheck(
    { verdict: ending.verdict, reasons: [ending.reason, ...(ending.verdict === 'ready' ? [] : ci.approverReasons)] },
    linkableRepository(target),
  );
  await completeCheckRun({
    ...target,
    checkRunId: ci.agentCheckRunId,
    ...(ending.outcome === 'cancelled' ? { ...agent, conclusion: 'neutral' as const, title: 'Cancelled' } : agent),
    annotations: [],
  });
  if (deps.metrics) recordCheckRun(deps.metrics, 'agent', ending.verdict === 'ready' ? 'success' : 'failure');
  if (run.prNumber !== null && ending.outcome !== 'cancelled')
    await updatePullRequestVerdict({ ...target, pullNumber: run.prNumber, verdict: ending.verdict, markReady: ending.markReady });
  const report = await ciRunReport(run, deps, target);
  const cost = (await report.spentOnRun())?.spent ?? 0;
  const url =
    run.prNumber === null ? null : (await target.octokit.rest.pulls.get({ ...pullOf(target), pull_number: run.prNumber })).data.html_url;
  const pr = url === null ? 'The pull request' : `${run.kind === 'revise' ? 'Revised' : 'Opened'} ${url}`;
  await report.finish({
    outcome: ending.outcome,
    message: `${renderCiProgress(ci.history)}\n\n${pr} (${ending.verdict}): ${ending.reason}\n\nCost of the run: ${formatEur(cost)}.`,
    patch: { status: ending.outcome === 'cancelled' ? 'cancelled' : 'completed', verdict: ending.verdict, ci: null },
  });
}
