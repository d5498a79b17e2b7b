import type { Logger } from '../observability/logger.ts';
import type { JobQueue } from './job-queue.ts';

/**
 * The in-process queue used without Redis (`npm start` on one machine). Jobs run in this process,
 * `concurrency` at a time; a job that throws is logged and dropped, because the run it belongs to
 * records its own failure (and resumes from its checkpoint at the next start). A delayed job waits in a timer.
 */
export function createMemoryQueue<J>(options: {
  logger: Logger;
  concurrency?: number;
  /** The correlation id a job's lines carry (see jobLogger), for the queue's own line about a failed job. */
  correlationOf?: (job: J) => string | undefined;
}): JobQueue<J> & { idle(): Promise<void> } {
  const waiting: Array<{ job: J; id: string; enqueuedAt: number }> = [];
  const known = new Set<string>();
  let active = 0;
  let handler: ((job: J) => Promise<void>) | undefined;
  let closed = false;
  const idle: Array<() => void> = [];
  const delayed = new Set<NodeJS.Timeout>();
  const concurrency = options.concurrency ?? 2;

  const pump = () => {
    while (handler && !closed && active < concurrency && waiting.length > 0) {
      const next = waiting.shift()!;
      active += 1;
      void handler(next.job)
        .catch((error: unknown) =>
          options.logger.error(
            {
              err: error instanceof Error ? error.message : String(error),
              job_id: next.id,
              correlation_id: options.correlationOf?.(next.job) ?? next.id,
            },
            'job failed',
          ),
        )
        .finally(() => {
          active -= 1;
          known.delete(next.id);
          if (active === 0) idle.splice(0).forEach((resolve) => resolve());
          pump();
        });
    }
  };

  return {
    async enqueue(job, jobId, enqueueOptions) {
      if (closed || known.has(jobId)) return;
      known.add(jobId);
      const add = () => {
        waiting.push({ job, id: jobId, enqueuedAt: Date.now() });
        setImmediate(pump);
      };
      const delayMs = enqueueOptions?.delayMs ?? 0;
      if (delayMs <= 0) return add();
      // A delayed job is lost with the process, like every job of this queue; its run is resumed at the next start.
      const timer = setTimeout(() => {
        delayed.delete(timer);
        add();
      }, delayMs);
      delayed.add(timer);
    },
    process(next) {
      handler = next;
      pump();
    },
    async depth() {
      return { waiting: waiting.length, active, oldestWaitingMs: waiting[0] ? Date.now() - waiting[0].enqueuedAt : 0 };
    },
    async workers() {
      return handler && !closed ? 1 : 0;
    },
    /** Resolves when nothing is waiting or running (tests, graceful shutdown). */
    async idle() {
      while (waiting.length > 0 || active > 0) await new Promise<void>((resolve) => idle.push(resolve));
    },
    async close() {
      closed = true;
      for (const timer of delayed) clearTimeout(timer);
      delayed.clear();
      if (active > 0) await new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
