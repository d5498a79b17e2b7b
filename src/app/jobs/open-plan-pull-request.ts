import type { AgentState } from '../../agents/agent-state.ts';
import type { Workspace } from '../../agents/workspace-types.ts';
import { recordCheckRun } from '../../observability/record-check-run.ts';
import { AGENT_CHECK, completeCheckRun, createCheckRun } from '../github/check-runs.ts';
import { commitChanges } from '../github/commit-changes.ts';
import { formatEur } from '../github/format-eur.ts';
import { linkableRepository } from '../github/linkable-repository.ts';
import { openPullRequest } from '../github/open-pull-request.ts';
import { postReview } from '../github/post-review.ts';
import { renderAgentCheck } from '../github/render-agent-check.ts';
import { renderCommitMessage } from '../github/render-commit-message.ts';
import type { PlannedPullRequest } from './decide-plan-run-end.ts';
import type { PlanRunContext, PlanRunReport } from './plan-run-report.ts';
import type { WorkerDeps } from './worker-deps.ts';
import { workspaceBaseModes } from './workspace-base-modes.ts';

/** Where the pull request goes: the run's workspace, the commit it started from, the default branch, the issue's title. */
export interface PullRequestBase {
  workspace: Workspace;
  baseSha: string;
  defaultBranch: string;
  issueTitle: string;
}

/**
 * Opens the pull request a run decided on: commits the changes on its branch, opens the pull
 * request (plan, trajectory, reviewer, labels), posts the critic's and QA's review and the
 * `aos / agent` check run, and finishes the run with a link to it.
 */
export async function openPlanPullRequest(
  context: PlanRunContext,
  report: PlanRunReport,
  base: PullRequestBase,
  pullRequest: PlannedPullRequest,
  state: AgentState,
): Promise<void> {
  const { job, run, deps, target } = context;
  const { branch, verdict } = pullRequest;
  const headSha = await commitChanges({
    ...target,
    baseSha: base.baseSha,
    branch,
    message: renderCommitMessage({ title: base.issueTitle, issueNumber: job.number, runId: run.id }),
    changes: pullRequest.changes,
    baseModes: await workspaceBaseModes(base.workspace),
  });
  await deps.runStore.updateRun(run.id, { branch, headSha });
  const pr = await openPullRequest({
    ...target,
    head: branch,
    base: base.defaultBranch,
    issueNumber: job.number,
    title: base.issueTitle,
    plan: pullRequest.plan,
    trajectory: await trajectory(deps, run.id),
    draft: pullRequest.draft,
    requestReviewFrom: job.sender.login,
    labels: pullRequest.labels,
  });
  const diff = await base.workspace.diff();
  const runBudget = await report.spentOnRun();
  await postReview({
    ...target,
    pullNumber: pr.number,
    commitSha: headSha,
    diff,
    critic: state.critic,
    qa: state.qa,
    costEur: runBudget?.spent ?? 0,
    findings: pullRequest.findings,
  });
  const checkRunId = await createCheckRun({ ...target, headSha, name: AGENT_CHECK, externalId: run.id });
  await completeCheckRun({ ...target, checkRunId, ...renderAgentCheck(state.approval, linkableRepository(target)), annotations: [] });
  if (deps.metrics) recordCheckRun(deps.metrics, 'agent', verdict === 'ready' ? 'success' : 'failure');
  await report.finish({
    outcome: 'succeeded',
    message: `Opened ${pr.url} (${verdict}). Cost of the run: ${formatEur(runBudget?.spent ?? 0)}.`,
    patch: { status: 'completed', verdict, prNumber: pr.number, finalStateHash: pullRequest.finalStateHash },
  });
}

/** The run's nodes as the pull request lists them, from the ledger. */
async function trajectory(deps: WorkerDeps, runId: string) {
  const events = await deps.ledger.readEvents(runId);
  return events
    .filter((event) => event.type === 'node.completed')
    .map((event) => {
      const payload = event.payload as { node: string; duration_ms: number; cost_eur: number; model_calls: number };
      return {
        node: payload.node,
        durationMs: payload.duration_ms,
        costEur: payload.cost_eur,
        summary: `${payload.model_calls} model call(s)`,
      };
    });
}
