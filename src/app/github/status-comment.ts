import { AosError } from '../../observability/aos-error.ts';
import { formatEur } from './format-eur.ts';
import { MAX_BODY_CHARS } from './render-pull-request-body.ts';
import { renderUntrustedText, type LinkableRepository } from './render-untrusted-text.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { requestStatus } from '../../lib/request-status.ts';
import { truncateText } from './truncate-text.ts';

/** A node of the graph, in the order the checklist shows them. */
export type PhaseNode = 'planner' | 'coder' | 'critic' | 'qa' | 'approver';
/** Where a node stands in the run. */
export type PhaseState = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

/** What the status comment of a run shows. */
export interface StatusCommentInput {
  runId: string;
  phases: ReadonlyArray<{ node: PhaseNode; state: PhaseState }>;
  costEur: number;
  budgetLeftEur: number;
  /** Signed link to the run page. */
  runPageUrl?: string;
  /** Set once the run has ended. */
  outcome?: 'succeeded' | 'failed' | 'cancelled';
  /**
   * One short message for the reader: the pull request, the reason it failed. It may carry a
   * model's words (the approver's reasons), so it is rendered inert; links to `repository`'s own
   * pull requests and files stay.
   */
  message?: string;
  repository?: LinkableRepository;
}

const STATE_ICON: Record<PhaseState, string> = { pending: '⬜', running: '⏳', done: '✅', skipped: '⏭️', failed: '❌' };
const OUTCOME_LINE = { succeeded: '🚀 **Run finished.**', failed: '😕 **Run failed.**', cancelled: '🛑 **Run cancelled.**' } as const;

/** The hidden marker that identifies the status comment of a run. */
export function statusMarker(runId: string): string {
  if (!/^[\w.-]{1,100}$/.test(runId))
    throw new AosError('invalid_run_id', `run id ${JSON.stringify(runId)} cannot go into a comment marker`);
  return `<!-- aos:run:${runId} -->`;
}

/** An http(s) URL as a markdown link target, or null when it is not one. */
function safeLink(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29') : null;
  } catch {
    return null;
  }
}

/**
 * The status comment of a run: the hidden marker `<!-- aos:run:<id> -->` on the first line, then
 * the outcome once there is one, the phase checklist, cost so far and budget left in EUR, and
 * the link to the run page. The message goes through `renderUntrustedText`: it cannot forge a
 * marker, mention anyone, close an issue, load an image or link to a stranger.
 */
export function renderStatusComment(input: StatusCommentInput): string {
  const lines = [statusMarker(input.runId), `### aos run \`${input.runId}\``, ''];
  if (input.outcome !== undefined) lines.push(OUTCOME_LINE[input.outcome], '');
  if (input.message !== undefined && input.message !== '')
    lines.push(renderUntrustedText(truncateText(input.message, 4_000), input.repository), '');
  for (const phase of input.phases) lines.push(`- ${STATE_ICON[phase.state]} ${phase.node}: ${phase.state}`);
  lines.push('', `Cost so far: **${formatEur(input.costEur)}** · budget left: **${formatEur(input.budgetLeftEur)}**`);
  const link = input.runPageUrl === undefined ? null : safeLink(input.runPageUrl);
  if (link !== null) lines.push('', `[Run page](${link})`);
  lines.push('');
  return truncateText(lines.join('\n'), MAX_BODY_CHARS);
}

/** Options of `upsertStatusComment`. */
export interface UpsertStatusCommentOptions extends RepoTarget {
  issueNumber: number;
  runId: string;
  /** Usually `renderStatusComment(...)`; the marker is put first if it is missing. */
  body: string;
  /** The comment id from an earlier call of this run, to skip the search. */
  commentId?: number;
}

/**
 * Writes the status comment of a run: edits the comment that starts with the run's marker, else
 * creates it, and returns its id. The comment is found on GitHub (all pages of the issue's
 * comments, stopping at the first match), never in a process cache, because any worker may carry
 * the run on. Only comments by bots count, so a user who pastes the marker cannot hijack it. A
 * known `commentId` skips the search; if that comment is gone, the search runs.
 */
export async function upsertStatusComment(options: UpsertStatusCommentOptions): Promise<number> {
  const { octokit, owner, repo, issueNumber } = options;
  const marker = statusMarker(options.runId);
  const body = options.body.startsWith(marker) ? options.body : `${marker}\n${options.body}`;
  const edit = async (commentId: number) => (await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body })).data.id;

  if (options.commentId !== undefined) {
    try {
      return await edit(options.commentId);
    } catch (error) {
      if (requestStatus(error) !== 404) throw error;
    }
  }
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
  for await (const { data } of pages) {
    const found = data.find((comment) => comment.user?.type === 'Bot' && (comment.body ?? '').startsWith(marker));
    if (found !== undefined) return edit(found.id);
  }
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  return data.id;
}
