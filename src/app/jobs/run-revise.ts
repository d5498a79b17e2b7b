import type { AgentState } from '../../agents/agent-state.ts';
import { checkpointKey, type RunCheckpoint } from '../../agents/graph/run-graph.ts';
import { sanitizeUntrustedText } from '../../agents/sanitize-untrusted-text.ts';
import { AosError } from '../../observability/aos-error.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { createPermissionLookup } from '../commands/create-permission-lookup.ts';
import { formatEur } from '../github/format-eur.ts';
import { linkableRepository } from '../github/linkable-repository.ts';
import { listTrustedReviewComments } from '../github/list-trusted-review-comments.ts';
import { react } from '../github/reactions.ts';
import { renderUntrustedText } from '../github/render-untrusted-text.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { loadRepoSettings } from '../repo-settings/load-repo-settings.ts';
import type { CommandJob } from './job-types.ts';
import { runRevisionPass } from './run-revision-pass.ts';
import { startCiWait } from './start-ci-wait.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** The reply's note on review comments left out for their author's permission. */
const omittedNote = (count: number) =>
  count === 0
    ? ''
    : ` ${count} review comment${count === 1 ? '' : 's'} from people without write permission ${count === 1 ? 'was' : 'were'} left out.`;

/**
 * `/aos revise` on a pull request aos opened (or a review comment on one starting with `/aos`):
 * one more coder → critic → qa → approver pass on the same branch (the pass a ci-fix pass runs
 * too), with the review comments of people who may write to the repository and the sanitized
 * instructions as input, pushed as a new commit, with a new review, and a reply where it was
 * asked; then the run waits for the repository's CI on the new head, as `/aos plan` does.
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
  const pass = await runRevisionPass(
    {
      run,
      graphId: run.id,
      target,
      installationId: job.installationId,
      pullNumber: job.number,
      branch: pr.head.ref,
      headSha: pr.head.sha,
      previous: checkpoint.state,
      comments: review.comments.map((comment) => ({ author: comment.author, body: `${comment.path}:${comment.line}: ${comment.body}` })),
      instructions,
      // The reviewers' comments, and the instructions of whoever asked for the revision.
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
      summary: 'Reviewers asked for changes.',
      settings: settings.settings,
      commitMessage: `aos: revise #${job.number}\n\nRun ${run.id}`,
    },
    deps,
  );
  const { outcome, headSha, costEur: cost } = pass;
  let summary: string;
  if (outcome.status === 'cancelled') summary = 'The revision was cancelled.';
  else if (headSha === null)
    summary = `The revision produced no change: ${renderUntrustedText((outcome.state.approval?.reasons ?? []).join('; ').replace(/\r?\n/g, ' '), linkableRepository(target))}`;
  else
    summary = `Pushed ${headSha.slice(0, 7)}; the verdict waits for the repository's CI on it. Cost of this revision so far: ${formatEur(cost)}.`;
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
  await runStore.updateRun(run.id, { costEur: cost, finalStateHash: outcome.finalStateHash });
  if (headSha !== null)
    // The same wait as `/aos plan`'s: the run ends, with its verdict and reaction, when CI has spoken.
    return startCiWait(run, deps, target, {
      pullNumber: job.number,
      branch: pr.head.ref,
      headSha,
      pass: 0,
      approval: outcome.state.approval,
      history: [],
    });
  await runStore.updateRun(run.id, {
    status: outcome.status === 'cancelled' ? 'cancelled' : 'completed',
    finishedAt: new Date().toISOString(),
  });
  await react({
    ...target,
    commentId: job.commentId,
    content: 'confused',
    commentKind: job.commentKind === 'review_comment' ? 'review' : 'issue',
  });
}
