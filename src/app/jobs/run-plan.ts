import { initialAgentState } from '../../agents/agent-state.ts';
import { runAgent } from '../../agents/run-agent.ts';
import { createOverlayWorkspace } from '../../workspace/create-overlay-workspace.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../policy/edit-guard/index.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { AGENT_CHECK, completeCheckRun, createCheckRun } from '../github/check-runs.ts';
import { commitChanges } from '../github/commit-changes.ts';
import { createGithubBase } from '../../workspace/create-github-base.ts';
import { formatEur } from '../github/format-eur.ts';
import { linkableRepository } from '../github/linkable-repository.ts';
import { openPullRequest } from '../github/open-pull-request.ts';
import { postReview } from '../github/post-review.ts';
import { react } from '../github/reactions.ts';
import { renderAgentCheck } from '../github/render-agent-check.ts';
import { renderCommitMessage } from '../github/render-commit-message.ts';
import { renderPlanComment } from '../github/render-plan-comment.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { renderStatusComment, upsertStatusComment } from '../github/status-comment.ts';
import { loadRepoSettings } from '../repo-settings/load-repo-settings.ts';
import { recordCheckRun } from '../../observability/record-check-run.ts';
import { recordRunMetrics } from '../../observability/record-run-metrics.ts';
import { runOutcomeOf } from '../../observability/run-outcome.ts';
import type { CommandJob } from './job-types.ts';
import { phaseChecklist } from './track-phases.ts';
import type { WorkerDeps } from './worker-deps.ts';

const isBotLogin = (login: string | undefined) => !login || login.endsWith('[bot]');

/**
 * `/aos plan` on an issue, from settings to pull request: read `.github/aos.yml` from the default
 * branch, run the graph on the default branch head through the GitHub workspace, keep the status
 * comment current after each node, then commit on `aos/issue-<n>-<short id>`, open the pull
 * request, post the critic's and QA's review and the `aos / agent` check run. A run that is
 * refused (budget, residency, invalid settings) says why and leaves no branch or pull request.
 */
export async function runPlan(job: CommandJob, run: RunRecord, deps: WorkerDeps, target: RepoTarget): Promise<void> {
  const { octokit, owner, repo } = target;
  const { config, runStore, logger } = deps;
  const phase = config.finops.phases[config.finops.active_phase]!;
  let statusCommentId = run.statusCommentId ?? undefined;
  const completed: string[] = (await deps.ledger.readEvents(run.id)).filter((event) => event.type === 'node.completed').map((event) => (event.payload as { node: string }).node);
  const runPageUrl = deps.runPageUrl?.(run.id);
  const linkable = linkableRepository(target);
  const spentOnRun = async () => (await deps.guardian.getRemainingBudget({ runId: run.id })).find((row) => row.scope === 'run') ?? null;
  const status = async (running: string | null, outcome: 'succeeded' | 'failed' | 'cancelled' | undefined, message?: string) => {
    const runBudget = await spentOnRun();
    const body = renderStatusComment({
      runId: run.id,
      repository: linkable,
      phases: phaseChecklist(completed, running, outcome === undefined ? 'running' : outcome === 'failed' ? 'failed' : 'done'),
      costEur: runBudget?.spent ?? 0,
      budgetLeftEur: runBudget?.remaining ?? 0,
      ...(runPageUrl ? { runPageUrl } : {}),
      ...(outcome ? { outcome } : {}),
      ...(message ? { message } : {}),
    });
    statusCommentId = await upsertStatusComment({ ...target, issueNumber: job.number, runId: run.id, body, ...(statusCommentId ? { commentId: statusCommentId } : {}) });
    await runStore.updateRun(run.id, { statusCommentId });
  };
  const finish = async (outcome: 'succeeded' | 'failed' | 'cancelled', message: string, patch: Partial<RunRecord>) => {
    await status(null, outcome, message);
    await notifyRun(deps, run, job, outcome, message, patch.verdict ?? null, runPageUrl);
    if (deps.metrics) recordRunMetrics(deps.metrics, await deps.ledger.readEvents(run.id), { outcome: runOutcomeOf(outcome === 'succeeded' ? 'completed' : outcome, patch.verdict ?? null) });
    const runBudget = await spentOnRun();
    await runStore.updateRun(run.id, { finishedAt: new Date().toISOString(), costEur: runBudget?.spent ?? 0, ...patch });
    await react({ ...target, commentId: job.commentId, content: outcome === 'succeeded' ? 'rocket' : 'confused', commentKind: job.commentKind === 'review_comment' ? 'review' : 'issue' });
  };

  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const defaultBranch = repository.default_branch;
  const settings = await loadRepoSettings({ octokit, owner, repo, defaultBranch, globalCaps: { dailyCapEur: phase.daily_eur_cap, monthlyCapEur: phase.monthly_eur_cap, runCapEur: config.finops.run_default_cap_eur } });
  if (!settings.ok) {
    await octokit.rest.issues.createComment({ owner, repo, issue_number: job.number, body: settings.message });
    await finish('failed', 'Nothing was run: `.github/aos.yml` is invalid (see the comment above).', { status: 'failed', error: 'invalid .github/aos.yml' });
    return;
  }
  const { data: issue } = await octokit.rest.issues.get({ owner, repo, issue_number: job.number });
  const comments = (await octokit.rest.issues.listComments({ owner, repo, issue_number: job.number, per_page: 50 })).data
    .filter((comment) => !isBotLogin(comment.user?.login) && comment.id !== job.commentId && !comment.body?.trimStart().toLowerCase().startsWith('/aos'))
    .slice(-30)
    .map((comment) => ({ author: comment.user?.login ?? 'unknown', body: comment.body ?? '' }));
  const baseSha = run.baseSha ?? (await octokit.rest.repos.getBranch({ owner, repo, branch: defaultBranch })).data.commit.sha;
  await runStore.updateRun(run.id, { status: 'running', baseSha, startedAt: run.startedAt ?? new Date().toISOString() });
  await status(completed.length === 0 ? 'planner' : null, undefined);

  const workspace = createOverlayWorkspace({ base: createGithubBase({ ...target, commitSha: baseSha, secretFiles: settings.settings.secretFiles }), policy: { ...DEFAULT_EDIT_GUARD_POLICY, denyGlobs: settings.settings.denyGlobs, secretFiles: settings.settings.secretFiles } });
  const initialState = initialAgentState(
    { title: issue.title, body: issue.body ?? '', comments, instructions: run.instructions ?? '' },
    { maxIterations: settings.settings.maxIterations, dryRun: run.dryRun, extraDenyGlobs: settings.settings.denyGlobs },
  );
  const budget = settings.settings.budget;
  const outcome = await runAgent({
    runId: run.id,
    initialState,
    workspace,
    router: deps.router,
    stateRepository: deps.stateRepository,
    ledger: deps.ledger,
    logger,
    budget: {
      runId: run.id,
      runCapEur: budget.runCapEur ?? config.finops.run_default_cap_eur,
      installation: { id: String(job.installationId) },
      repository: { id: `${owner}/${repo}`, dailyCapEur: budget.dailyCapEur, monthlyCapEur: budget.monthlyCapEur },
    },
    ...(deps.dependencyVerifier ? { dependencies: deps.dependencyVerifier } : {}),
    isCancelled: () => runStore.isCancelRequested(run.id),
    onNodeCompleted: async ({ node, next }) => {
      completed.push(node);
      await status(next === '__end__' ? null : next, undefined);
    },
  });

  if (outcome.status === 'cancelled') {
    await finish('cancelled', 'The run was cancelled; nothing more will be done.', { status: 'cancelled' });
    return;
  }
  const state = outcome.state;
  if (run.dryRun) {
    await octokit.rest.issues.createComment({ owner, repo, issue_number: job.number, body: renderPlanComment(state.plan, state.failure?.message, linkable) });
    await finish('succeeded', 'Dry run: the plan is above; no code was written.', { status: 'completed', finalStateHash: outcome.finalStateHash });
    return;
  }
  const changes = new Map(Object.entries(state.changes));
  if (changes.size === 0) {
    const reasons = state.approval?.reasons ?? [state.failure?.message ?? 'no change was produced'];
    await finish('failed', `No pull request was opened:\n${reasons.map((reason) => `- ${reason}`).join('\n')}`, { status: 'completed', verdict: 'needs-work', finalStateHash: outcome.finalStateHash, error: state.failure?.message ?? null });
    return;
  }
  const verdict = state.approval?.verdict ?? 'needs-work';
  const branch = `aos/issue-${job.number}-${run.id.slice(0, 8)}`;
  const headSha = await commitChanges({ ...target, baseSha, branch, message: renderCommitMessage({ title: issue.title, issueNumber: job.number, runId: run.id }), changes });
  await runStore.updateRun(run.id, { branch, headSha });
  const plan = state.plan!;
  const pr = await openPullRequest({
    ...target,
    head: branch,
    base: defaultBranch,
    issueNumber: job.number,
    title: issue.title,
    plan,
    trajectory: await trajectory(deps, run.id),
    draft: verdict !== 'ready' || settings.settings.draft === 'always',
    requestReviewFrom: job.sender.login,
    labels: ['aos', verdict === 'ready' ? 'aos:ready' : 'aos:needs-work'],
  });
  const diff = await workspace.diff();
  const findings = [...(state.critic?.findings ?? []), ...(state.qa?.findings ?? [])];
  const runBudget = await spentOnRun();
  await postReview({ ...target, pullNumber: pr.number, commitSha: headSha, diff, critic: state.critic, qa: state.qa, costEur: runBudget?.spent ?? 0, findings });
  const checkRunId = await createCheckRun({ ...target, headSha, name: AGENT_CHECK, externalId: run.id });
  await completeCheckRun({ ...target, checkRunId, ...renderAgentCheck(state.approval, linkable), annotations: [] });
  if (deps.metrics) recordCheckRun(deps.metrics, 'agent', verdict === 'ready' ? 'success' : 'failure');
  await finish('succeeded', `Opened ${pr.url} (${verdict}). Cost of the run: ${formatEur(runBudget?.spent ?? 0)}.`, { status: 'completed', verdict, prNumber: pr.number, finalStateHash: outcome.finalStateHash });
}

async function trajectory(deps: WorkerDeps, runId: string) {
  const events = await deps.ledger.readEvents(runId);
  return events
    .filter((event) => event.type === 'node.completed')
    .map((event) => {
      const payload = event.payload as { node: string; duration_ms: number; cost_eur: number; model_calls: number };
      return { node: payload.node, durationMs: payload.duration_ms, costEur: payload.cost_eur, summary: `${payload.model_calls} model call(s)` };
    });
}

/** Tells the operators' channels how a run ended; a notification failure never fails the run. */
async function notifyRun(deps: WorkerDeps, run: RunRecord, job: CommandJob, outcome: 'succeeded' | 'failed' | 'cancelled', message: string, verdict: string | null, url: string | undefined): Promise<void> {
  if (!deps.notify) return;
  const where = `${job.owner}/${job.repo}#${job.number}`;
  await deps
    .notify({
      type: outcome === 'failed' ? 'run.failed' : 'run.finished',
      correlationId: run.id,
      title: outcome === 'failed' ? `aos run failed on ${where}` : `aos run ${verdict ?? outcome} on ${where}`,
      text: message,
      fields: { repository: `${job.owner}/${job.repo}`, issue: String(job.number), requested_by: job.sender.login, ...(verdict ? { verdict } : {}) },
      ...(url ? { url } : {}),
    })
    .catch((error: unknown) => deps.logger.warn({ err: String(error), run_id: run.id }, 'notification not stored'));
  if (message.includes('EU data residency blocked')) {
    await deps.notify({ type: 'residency.violation', correlationId: run.id, title: `Residency blocked a model call on ${where}`, text: message }).catch(() => undefined);
  }
}
