import { sanitizeUntrustedText } from '../../agents/sanitize-untrusted-text.ts';
import type { PermissionLookup } from '../commands/create-permission-lookup.ts';
import { PRIVILEGED_PERMISSIONS } from '../commands/decide-command-access.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';

/** One review comment as `/aos revise` passes it on: sanitized, with where it was written. */
export interface TrustedReviewComment {
  author: string;
  path: string;
  line: number;
  body: string;
}

/** The review comments a revision may act on, and how many were left out for their author's permission. */
export interface TrustedReviewComments {
  comments: TrustedReviewComment[];
  omittedForPermission: number;
}

/** Each comment's cap, as for issue comments. */
const MAX_COMMENT_CHARS = 4_000;
/** The most recent comments kept; later ones usually refine earlier ones. */
const MAX_COMMENTS = 30;

const isBot = (user: { login: string; type?: string } | null | undefined) => !user || user.type === 'Bot' || user.login.endsWith('[bot]');

/**
 * The review comments of a pull request (threads included: replies are review comments too) that
 * `/aos revise` hands the coder. Only people with write, maintain or admin permission are read:
 * anyone may comment on a public pull request, and a comment is an instruction to a model that
 * pushes to the branch, so a comment from anyone else is left out (and counted), not passed on
 * marked as untrusted. Bots (aos included) and `/aos` commands (their instructions arrive on their
 * own) are skipped. Every body is sanitized (`sanitizeUntrustedText`); one that is empty once its
 * hidden markup is gone is dropped. Permissions come from `permissions`, one lookup per author.
 */
export async function listTrustedReviewComments(
  target: RepoTarget,
  pullNumber: number,
  permissions: PermissionLookup,
): Promise<TrustedReviewComments> {
  const { octokit, owner, repo } = target;
  const all = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: pullNumber, per_page: 100 });
  const candidates = all.filter((comment) => !isBot(comment.user) && !comment.body.trimStart().toLowerCase().startsWith('/aos'));
  const allowed = await Promise.all(
    candidates.map(async (comment) => PRIVILEGED_PERMISSIONS.has(await permissions.permissionOf(comment.user!.login))),
  );
  const comments: TrustedReviewComment[] = [];
  for (const [index, comment] of candidates.entries()) {
    if (!allowed[index]) continue;
    const body = sanitizeUntrustedText(comment.body, { maxChars: MAX_COMMENT_CHARS }).text.trim();
    if (body !== '')
      comments.push({ author: comment.user!.login, path: comment.path, line: comment.line ?? comment.original_line ?? 0, body });
  }
  return { comments: comments.slice(-MAX_COMMENTS), omittedForPermission: allowed.filter((ok) => !ok).length };
}
