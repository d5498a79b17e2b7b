import type { RepoTarget } from '../../lib/repo-target.ts';
import { recordRunMetrics } from '../../observability/record-run-metrics.ts';
import { runOutcomeOf } from '../../observability/run-outcome.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { linkableRepository } from '../github/linkable-repository.ts';
import { react } from '../github/reactions.ts';
import { renderStatusComment, upsertStatusComment } from '../github/status-comment.ts';
import type { RunEnding } from './decide-plan-run-end.ts';
import type { CommandJob } from './job-types.ts';
import { phaseChecklist } from './track-phases.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** One `/aos plan` run being worked on: the job, its run, the worker's dependencies, the repository. */
export interface PlanRunContext {
  job: CommandJob;
  run: RunRecord;
  deps: WorkerDeps;
  target: RepoTarget;
}

/**
 * How a `/aos plan` run tells where it stands: the status comment on the issue (phases, cost,
 * budget left), kept current as nodes complete; and at the end the status, the notification, the
 * run metrics, the run record and a reaction on the command. `completed` holds the nodes that had
 * already finished (a resumed run) and grows as nodes complete.
 */
export function createPlanRunReport(context: PlanRunContext, completed: string[]) {
  const { job, run, deps, target } = context;
  let statusCommentId = run.statusCommentId ?? undefined;
  const runPageUrl = deps.runPageUrl?.(run.id);
  const linkable = linkableRepository(target);
  const spentOnRun = async () => (await deps.guardian.getRemainingBudget({ runId: run.id })).find((row) => row.scope === 'run') ?? null;
  const status = async (running: string | null, outcome?: RunEnding['outcome'], message?: string) => {
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
    statusCommentId = await upsertStatusComment({
      ...target,
      issueNumber: job.number,
      runId: run.id,
      body,
      ...(statusCommentId ? { commentId: statusCommentId } : {}),
    });
    await deps.runStore.updateRun(run.id, { statusCommentId });
  };
  const finish = async ({ outcome, message, patch }: RunEnding) => {
    await status(null, outcome, message);
    await notifyRunEnd(context, outcome, message, patch.verdict ?? null, runPageUrl);
    if (deps.metrics)
      recordRunMetrics(deps.metrics, await deps.ledger.readEvents(run.id), {
        outcome: runOutcomeOf(outcome === 'succeeded' ? 'completed' : outcome, patch.verdict ?? null),
      });
    const runBudget = await spentOnRun();
    await deps.runStore.updateRun(run.id, { finishedAt: new Date().toISOString(), costEur: runBudget?.spent ?? 0, ...patch });
    await react({
      ...target,
      commentId: job.commentId,
      content: outcome === 'succeeded' ? 'rocket' : 'confused',
      commentKind: job.commentKind === 'review_comment' ? 'review' : 'issue',
    });
  };
  const nodeCompleted = async (node: string, next: string) => {
    completed.push(node);
    await status(next === '__end__' ? null : next);
  };
  return { spentOnRun, status, finish, nodeCompleted };
}

/** A plan run's report. */
export type PlanRunReport = ReturnType<typeof createPlanRunReport>;

/** Tells the operators' channels how a run ended; a notification failure never fails the run. */
async function notifyRunEnd(
  { deps, run, job }: PlanRunContext,
  outcome: RunEnding['outcome'],
  message: string,
  verdict: string | null,
  url: string | undefined,
): Promise<void> {
  if (!deps.notify) return;
  const where = `${job.owner}/${job.repo}#${job.number}`;
  await deps
    .notify({
      type: outcome === 'failed' ? 'run.failed' : 'run.finished',
      correlationId: run.id,
      title: outcome === 'failed' ? `aos run failed on ${where}` : `aos run ${verdict ?? outcome} on ${where}`,
      text: message,
      fields: {
        repository: `${job.owner}/${job.repo}`,
        issue: String(job.number),
        requested_by: job.sender.login,
        ...(verdict ? { verdict } : {}),
      },
      ...(url ? { url } : {}),
    })
    .catch((error: unknown) => deps.logger.warn({ err: String(error) }, 'notification not stored'));
  if (message.includes('EU data residency blocked')) {
    await deps
      .notify({ type: 'residency.violation', correlationId: run.id, title: `Residency blocked a model call on ${where}`, text: message })
      .catch(() => undefined);
  }
}
