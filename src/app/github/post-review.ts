import type { CriticReview, Finding } from '../../agents/agent-schemas.ts';
import type { QaCheck } from '../../agents/agent-state.ts';
import type { FileDiff } from '../../agents/workspace-types.ts';
import { linkableRepository } from './linkable-repository.ts';
import { placeFindings } from './place-findings.ts';
import { renderReviewBody } from './render-review-body.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { requestStatus } from '../../lib/request-status.ts';

/** Options of `postReview`. */
export interface PostReviewOptions extends RepoTarget {
  pullNumber: number;
  /** The head commit the review is about; comments are placed on its diff. */
  commitSha: string;
  /** The pull request's diff, as the workspace computed it. */
  diff: readonly FileDiff[];
  critic: Pick<CriticReview, 'verdict' | 'summary'> | null;
  qa: { checks: readonly QaCheck[]; passed: boolean } | null;
  costEur: number;
  /** Critic and QA findings of this pass. */
  findings: readonly Finding[];
  /** A ci-fix pass: the CI failures it addressed, quoted in the body. */
  addressed?: readonly string[];
}

/** The posted review. */
export interface PostedReview {
  reviewId: number;
  inline: number;
  outside: number;
}

/**
 * Posts one review for a critic/QA pass: `event: COMMENT` always (aos never approves or requests
 * changes), a summary body, and inline comments only on lines of the diff, the model's text in
 * both rendered inert (links to the repository's own files stay). Should GitHub still
 * refuse a comment's position (422), the review is posted again with every finding in the body,
 * so the pass is never lost.
 */
export async function postReview(options: PostReviewOptions): Promise<PostedReview> {
  const { octokit, owner, repo } = options;
  const repository = linkableRepository(options);
  const placed = placeFindings(options.findings, options.diff, undefined, repository);
  const send = (comments: typeof placed.inline, outside: readonly Finding[]) =>
    octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number: options.pullNumber,
      commit_id: options.commitSha,
      event: 'COMMENT',
      body: renderReviewBody({
        critic: options.critic,
        qa: options.qa,
        costEur: options.costEur,
        inlineCount: comments.length,
        outside,
        repository,
        ...(options.addressed ? { addressed: options.addressed } : {}),
      }),
      comments,
    });
  try {
    const { data } = await send(placed.inline, placed.outside);
    return { reviewId: data.id, inline: placed.inline.length, outside: placed.outside.length };
  } catch (error) {
    if (requestStatus(error) !== 422 || placed.inline.length === 0) throw error;
    const all = placeFindings(options.findings, [], 0).outside;
    const { data } = await send([], all);
    return { reviewId: data.id, inline: 0, outside: all.length };
  }
}
