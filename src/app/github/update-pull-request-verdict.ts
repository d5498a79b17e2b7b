import type { RepoTarget } from '../../lib/repo-target.ts';
import { requestStatus } from '../../lib/request-status.ts';
import { VERDICT_LABELS, type ApprovalVerdict } from './verdict-labels.ts';

/** Options of `updatePullRequestVerdict`. */
export interface UpdateVerdictOptions extends RepoTarget {
  pullNumber: number;
  verdict: ApprovalVerdict;
  /** False keeps a draft a draft even when ready (`draft: always` in `.github/aos.yml`); true by default. */
  markReady?: boolean;
}

/** What changed on the pull request. */
export interface VerdictUpdate {
  removedLabels: string[];
  addedLabel: string | null;
  markedReady: boolean;
}

const MARK_READY = `mutation($id: ID!) {
  markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } }
}`;

/**
 * Puts the approver's latest verdict on a bot pull request: the other `aos:*` verdict label comes
 * off, this one goes on, and a draft that became ready is marked ready for review (GraphQL
 * `markPullRequestReadyForReview`, which needs the node id). A pull request that became
 * needs-work is not turned back into a draft: a person may already be reviewing it.
 */
export async function updatePullRequestVerdict(options: UpdateVerdictOptions): Promise<VerdictUpdate> {
  const { octokit, owner, repo, pullNumber, verdict } = options;
  const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  const wanted = VERDICT_LABELS[verdict];
  const present = new Set(pull.labels.map((label) => label.name));
  const removedLabels: string[] = [];
  for (const label of Object.values(VERDICT_LABELS)) {
    if (label === wanted || !present.has(label)) continue;
    try {
      await octokit.rest.issues.removeLabel({ owner, repo, issue_number: pullNumber, name: label });
      removedLabels.push(label);
    } catch (error) {
      // Someone removed it meanwhile: that is the state we want.
      if (requestStatus(error) !== 404) throw error;
    }
  }
  const addedLabel = present.has(wanted) ? null : wanted;
  if (addedLabel !== null) await octokit.rest.issues.addLabels({ owner, repo, issue_number: pullNumber, labels: [addedLabel] });
  const markedReady = verdict === 'ready' && pull.draft === true && options.markReady !== false;
  if (markedReady) await octokit.graphql(MARK_READY, { id: pull.node_id });
  return { removedLabels, addedLabel, markedReady };
}
