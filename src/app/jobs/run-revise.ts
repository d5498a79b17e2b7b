import type { AgentState } from '../../agents/agent-state.ts';
import { initialAgentState } from '../../agents/agent-state.ts';
import { runAgent } from '../../agents/run-agent.ts';
import { checkpointKey, type RunCheckpoint } from '../../agents/graph/run-graph.ts';
import { sanitizeUntrustedText } from '../../agents/sanitize-untrusted-text.ts';
import { AosError } from '../../observability/aos-error.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../policy/edit-guard/index.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { createPermissionLookup } from '../commands/create-permission-lookup.ts';
import { AGENT_CHECK, completeCheckRun, createCheckRun } from '../github/check-runs.ts';
import { commitChanges } from '../github/commit-changes.ts';
import { formatEur } from '../github/format-eur.ts';
import { linkableRepository } from '../github/linkable-repository.ts';
import { listTrustedReviewComments } from '../github/list-trusted-review-comments.ts';
import { postReview } from '../github/post-review.ts';
import { react } from '../github/reactions.ts';
import { renderAgentCheck } from '../github/render-agent-check.ts';
import { renderUntrustedText } from '../github/render-untrusted-text.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { updatePullRequestVerdict } from '../github/update-pull-request-verdict.ts';
import { loadRepoSettings } from '../repo-settings/load-repo-settings.ts';
import type { CommandJob } from './job-types.ts';
import type { WorkerDeps } from './worker-deps.ts';
import { workspaceBaseModes } from './workspace-base-modes.ts';

/** The reply's note on review comments left out for their author's permission. */
const omittedNote = (count: number) =>
  count === 0
    ? ''
    : ` ${count} review comment${count === 1 ? '' : 's'} from people without write permission ${count === 1 ? 'was' : 'were'} left out.`;

/**
 * `/aos revise` on a pull request aos opened (or a review comment on one starting with `/aos`):
 * one more coder → critic → qa → approver pass on the same branch, with the review comments of
 * people who may write to the repository and the sanitized instructions as input, pushed as a new
 * commit, with a new review, and a reply where it was asked.
 */
export async function runRevise(job: CommandJob, run: RunRecord, deps: WorkerDeps, target: RepoTarget): Promise<void> {
  const { octokit, owner, repo } = target;
  const { config, runStore } = deps;
  const original = await runStore.runForPullRequest(owner, repo, job.number, { completed: true, excluding: run.id });
  const checkpoint = original ? await deps.stateRepository.get<RunCheckpoint<AgentState>>(checkpointKey(original.id)) : null;
  if (!original || !checkpoint?.state.plan)
    throw new AosError(
      'revise_without_run',
      'this pull request has no finished aos run with a plan to revise; start one with `/aos plan` on its issue',
    );
  const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: job.number });
  const phase = config.finops.phases[config.finops.active_phase]!;
  const settings = await loadRepoSettings({
    octokit,
    owner,
    repo,
    defaultBranch: pr.base.repo.default_branch,
    globalCaps: { dailyCapEur: phase.daily_eur_cap, monthlyCapEur: phase.monthly_eur_cap, runCapEur: config.finops.run_default_cap_eur },
  });
  if (!settings.ok) {
    await octokit.rest.issues.createComment({ owner, repo, issue_number: job.number, body: settings.message });
    await runStore.updateRun(run.id, { status: 'failed', error: 'invalid .github/aos.yml', finishedAt: new Date().toISOString() });
    return;
  }
  const review = await listTrustedReviewComments(target, job.number, createPermissionLookup(octokit, owner, repo));
  const instructions = sanitizeUntrustedText(run.instructions ?? '').text.trim();
  await runStore.updateRun(run.id, {
    status: 'running',
    baseSha: pr.head.sha,
    branch: pr.head.ref,
    prNumber: job.number,
    startedAt: new Date().toISOString(),
  });
  const previous = checkpoint.state;
  const initialState: AgentState = {
    ...initialAgentState(
      {
        ...previous.task,
        comments: [
          ...previous.task.comments,
          ...review.comments.map((comment) => ({ author: comment.author, body: `${comment.path}:${comment.line}: ${comment.body}` })),
        ].slice(-30),
        instructions,
      },
      {
        maxIterations: settings.settings.maxIterations,
        maxToolCalls: settings.settings.maxToolCalls,
        extraDenyGlobs: settings.settings.denyGlobs,
      },
    ),
    plan: previous.plan,
    contextFiles: previous.contextFiles,
    // The reviewers' comments, and the instructions of whoever asked for the revision (the coder
    // starts the pass, so only it can act on them), reach the coder as findings to address.
    critic: {
      verdict: 'revise',
      summary: 'Reviewers asked for changes.',
      findings: [
        ...review.comments.map((comment) => ({
          path: comment.path,
          line: comment.line,
          severity: 'major' as const,
          message: `review comment by ${comment.author}: ${comment.body}`,
        })),
        ...(instructions
          ? [
              {
                path: '',
                line: 0,
                severity: 'major' as const,
                message: `${job.sender.login} (who asked for this revision): ${instructions}`,
              },
            ]
          : []),
      ],
    },
  };
  const workspace = deps.openWorkspace({
    target,
    commitSha: pr.head.sha,
    policy: { ...DEFAULT_EDIT_GUARD_POLICY, denyGlobs: settings.settings.denyGlobs, secretFiles: settings.settings.secretFiles },
  });
  const outcome = await runAgent({
    runId: run.id,
    initialState,
    startAt: 'coder',
    workspace,
    router: deps.router,
    stateRepository: deps.stateRepository,
    ledger: deps.ledger,
    logger: deps.logger,
    // The same scopes and caps as `/aos plan`: a revision spends the repository's money too.
    budget: {
      runId: run.id,
      runCapEur: settings.settings.budget.runCapEur ?? config.finops.run_default_cap_eur,
      installation: { id: String(job.installationId) },
      repository: {
        id: `${owner}/${repo}`,
        dailyCapEur: settings.settings.budget.dailyCapEur,
        monthlyCapEur: settings.settings.budget.monthlyCapEur,
      },
    },
    isCancelled: () => runStore.isCancelRequested(run.id),
  });
  const state = outcome.state;
  const cost = (await deps.guardian.getRemainingBudget({ runId: run.id })).find((row) => row.scope === 'run')?.spent ?? 0;
  const changes = new Map(Object.entries(state.changes));
  let summary: string;
  if (outcome.status === 'cancelled') summary = 'The revision was cancelled.';
  else if (changes.size === 0)
    summary = `The revision produced no change: ${renderUntrustedText((state.approval?.reasons ?? []).join('; ').replace(/\r?\n/g, ' '), linkableRepository(target))}`;
  else {
    const headSha = await commitChanges({
      ...target,
      baseSha: pr.head.sha,
      branch: pr.head.ref,
      branchMode: 'update',
      message: `aos: revise #${job.number}\n\nRun ${run.id}`,
      changes,
      baseModes: await workspaceBaseModes(workspace),
    });
    await postReview({
      ...target,
      pullNumber: job.number,
      commitSha: headSha,
      diff: await workspace.diff(),
      critic: state.critic,
      qa: state.qa,
      costEur: cost,
      findings: [...(state.critic?.findings ?? []), ...(state.qa?.findings ?? [])],
    });
    const verdict = state.approval?.verdict ?? 'needs-work';
    await updatePullRequestVerdict({ ...target, pullNumber: job.number, verdict });
    const checkRunId = await createCheckRun({ ...target, headSha, name: AGENT_CHECK, externalId: run.id });
    await completeCheckRun({ ...target, checkRunId, ...renderAgentCheck(state.approval, linkableRepository(target)), annotations: [] });
    await runStore.updateRun(run.id, { headSha, verdict });
    summary = `Pushed ${headSha.slice(0, 7)} (${verdict}). Cost of this revision: ${formatEur(cost)}.`;
  }
  summary += omittedNote(review.omittedForPermission);
  if (job.commentKind === 'review_comment')
    await octokit.rest.pulls.createReplyForReviewComment({
      owner,
      repo,
      pull_number: job.number,
      comment_id: job.commentId,
      body: summary,
    });
  else await octokit.rest.issues.createComment({ owner, repo, issue_number: job.number, body: summary });
  await runStore.updateRun(run.id, {
    status: outcome.status === 'cancelled' ? 'cancelled' : 'completed',
    costEur: cost,
    finishedAt: new Date().toISOString(),
    finalStateHash: outcome.finalStateHash,
  });
  await react({
    ...target,
    commentId: job.commentId,
    content: changes.size > 0 ? 'rocket' : 'confused',
    commentKind: job.commentKind === 'review_comment' ? 'review' : 'issue',
  });
}
