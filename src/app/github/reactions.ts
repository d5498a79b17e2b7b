import type { RepoTarget } from '../../lib/repo-target.ts';

/** The reactions aos uses: 👀 received, 🚀 succeeded, 😕 failed. */
export type AosReaction = 'eyes' | 'rocket' | 'confused';

/** Options of `react`. */
export interface ReactOptions extends RepoTarget {
  /** The comment that carried the command. */
  commentId: number;
  content: AosReaction;
  /** `issue` (default): a comment on an issue or a pull request; `review`: a pull request review comment (`/aos revise` on a line). */
  commentKind?: 'issue' | 'review';
}

/**
 * Reacts to a command comment. True when GitHub took it; false on any error, which is swallowed:
 * a reaction is a courtesy and must never break a run.
 */
export async function react(options: ReactOptions): Promise<boolean> {
  const { octokit, owner, repo, content } = options;
  try {
    if (options.commentKind === 'review')
      await octokit.rest.reactions.createForPullRequestReviewComment({ owner, repo, comment_id: options.commentId, content });
    else await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: options.commentId, content });
    return true;
  } catch {
    return false;
  }
}
