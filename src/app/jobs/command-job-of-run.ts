import type { RunRecord } from '../../state/run-store.ts';
import type { CommandJob } from './job-types.ts';

/**
 * The command job a stored run came from, rebuilt from the run record: to resume an interrupted
 * run, or to report on one that a CI webhook or poll woke (its reactions go to the comment
 * that started it, an issue comment or a review comment).
 */
export function commandJobOf(run: RunRecord): CommandJob {
  const command = run.kind === 'revise' ? 'revise' : 'plan';
  return {
    type: 'command',
    deliveryId: run.deliveryId ?? run.id,
    // The run exists already: its lines are found under its id, as before the restart.
    correlationId: run.id,
    installationId: Number(run.installationId),
    owner: run.owner ?? '',
    repo: run.repo ?? '',
    number: run.issueNumber ?? 0,
    isPullRequest: run.kind === 'revise',
    commentId: Number(run.triggerCommentId ?? 0),
    commentKind: run.triggerCommentKind ?? 'issue_comment',
    body: `/aos ${command}${run.dryRun ? ' --dry-run' : ''} ${run.instructions ?? ''}`.trim(),
    sender: { login: run.requestedBy ?? 'unknown', type: 'User' },
  };
}
