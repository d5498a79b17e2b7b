import type { Plan } from '../../agents/agent-schemas.ts';
import { linkableRepository } from './linkable-repository.ts';
import { renderPullRequestBody, type TrajectoryStep } from './render-pull-request-body.ts';
import { renderUntrustedText } from './render-untrusted-text.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { requestMessage, requestStatus } from '../../lib/request-status.ts';
import { AOS_LABEL, VERDICT_LABELS } from './verdict-labels.ts';

/** Options of `openPullRequest`. */
export interface OpenPullRequestOptions extends RepoTarget {
  /** The branch with aos's commits. */
  head: string;
  /** The branch to merge into (the repository's default branch). */
  base: string;
  issueNumber: number;
  /** The issue's title as its author wrote it; rendered inert here, as the body is. */
  title: string;
  plan: Pick<Plan, 'summary' | 'steps' | 'acceptance_criteria'>;
  trajectory: readonly TrajectoryStep[];
  /** True unless the approver said ready. */
  draft: boolean;
  /** Login of whoever started the run. */
  requestReviewFrom?: string;
  /** Extra labels; `aos` and the verdict label (`aos:needs-work` for a draft, else `aos:ready`) are always added. */
  labels: readonly string[];
}

/** What asking for a review did: never a reason to fail a run. */
export type ReviewRequestOutcome = { status: 'requested' } | { status: 'skipped' } | { status: 'refused'; reason: string };

/** The opened pull request. */
export interface OpenedPullRequest {
  number: number;
  nodeId: string;
  url: string;
  /** False when the repository does not allow drafts and the pull request was opened ready, with `aos:needs-work`. */
  draft: boolean;
  labels: string[];
  reviewRequest: ReviewRequestOutcome;
}

/**
 * Opens the pull request for a run: body from `renderPullRequestBody`, the title through
 * `renderUntrustedText` (an issue title of `Fixes #3 @org/team` closes and pings nothing), draft unless told ready,
 * labels `aos` plus the verdict, and a review request to the person who started the run. A
 * repository that does not allow draft pull requests gets a ready one instead (the verdict label
 * still says `aos:needs-work`). A review request GitHub refuses with 422 (the person is the author,
 * or not a collaborator) is reported in `reviewRequest`, not thrown.
 */
export async function openPullRequest(options: OpenPullRequestOptions): Promise<OpenedPullRequest> {
  const { octokit, owner, repo } = options;
  const repository = linkableRepository(options);
  const body = renderPullRequestBody({ ...options, repository });
  const title = renderUntrustedText(options.title.replace(/\r?\n/g, ' '), repository);
  const create = (draft: boolean) =>
    octokit.rest.pulls.create({ owner, repo, head: options.head, base: options.base, title, body, draft, maintainer_can_modify: true });
  let pull;
  try {
    pull = (await create(options.draft)).data;
  } catch (error) {
    if (!options.draft || requestStatus(error) !== 422 || !/draft/i.test(requestMessage(error))) throw error;
    pull = (await create(false)).data;
  }

  const verdictLabel = options.draft ? VERDICT_LABELS['needs-work'] : VERDICT_LABELS.ready;
  const labels = [...new Set([AOS_LABEL, verdictLabel, ...options.labels])];
  await octokit.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels });

  let reviewRequest: ReviewRequestOutcome = { status: 'skipped' };
  if (options.requestReviewFrom !== undefined) {
    try {
      await octokit.rest.pulls.requestReviewers({ owner, repo, pull_number: pull.number, reviewers: [options.requestReviewFrom] });
      reviewRequest = { status: 'requested' };
    } catch (error) {
      if (requestStatus(error) !== 422) throw error;
      reviewRequest = {
        status: 'refused',
        reason: `GitHub refused to request a review from @${options.requestReviewFrom}: ${requestMessage(error)}`,
      };
    }
  }
  return { number: pull.number, nodeId: pull.node_id, url: pull.html_url, draft: pull.draft ?? false, labels, reviewRequest };
}
