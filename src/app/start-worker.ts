import type { Logger } from '../observability/logger.ts';
import type { RunStore } from '../state/run-store.ts';
import type { JobQueue } from '../state/job-queue.ts';
import type { AosJob } from './jobs/job-types.ts';
import { processJob } from './jobs/process-job.ts';
import type { WorkerDeps } from './jobs/worker-deps.ts';

/**
 * Starts taking jobs. With the in-process queue (no Redis) a restart loses the queue, so runs left
 * queued or running are enqueued again: they resume from their checkpoints and finish.
 */
export async function startWorker(options: {
  queue: JobQueue<AosJob>;
  deps: WorkerDeps;
  logger: Logger;
  resumeInterrupted: boolean;
  runStore: RunStore;
}): Promise<number> {
  options.queue.process((job) => processJob(job, options.deps));
  if (!options.resumeInterrupted) return 0;
  const interrupted = (await options.runStore.listRuns({ limit: 500 })).filter(
    (run) =>
      (run.status === 'queued' || run.status === 'running') &&
      run.kind !== 'local' &&
      run.installationId &&
      run.owner &&
      run.repo &&
      run.issueNumber &&
      run.deliveryId,
  );
  for (const run of interrupted) {
    const command = run.kind === 'revise' ? 'revise' : 'plan';
    await options.queue.enqueue(
      {
        type: 'command',
        deliveryId: run.deliveryId!,
        // The run exists already: its lines are found under its id, as before the restart.
        correlationId: run.id,
        installationId: Number(run.installationId),
        owner: run.owner!,
        repo: run.repo!,
        number: run.issueNumber!,
        isPullRequest: run.kind === 'revise',
        commentId: Number(run.triggerCommentId ?? 0),
        commentKind: 'issue_comment',
        body: `/aos ${command}${run.dryRun ? ' --dry-run' : ''} ${run.instructions ?? ''}`.trim(),
        sender: { login: run.requestedBy ?? 'unknown', type: 'User' },
      },
      `resume-${run.id}-${Date.now()}`,
    );
  }
  if (interrupted.length > 0)
    options.logger.info(
      { runs: interrupted.map((run) => run.id) },
      `resuming ${interrupted.length} interrupted run(s) from their checkpoints`,
    );
  return interrupted.length;
}
