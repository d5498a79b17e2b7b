import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';
import type { JobQueue } from './job-queue.ts';

const QUEUE_NAME = 'aos-jobs';

/**
 * The shared queue on Redis (BullMQ): any number of `aos worker` processes on any number of
 * machines take jobs from it. The job id is the webhook delivery id, so a redelivered webhook
 * cannot enqueue the same work twice. Failed jobs are retried with backoff; a run resumes from
 * its checkpoint, so a retry never redoes finished nodes.
 */
export function createBullmqQueue<J>(options: {
  redisUrl: string;
  logger: Logger;
  concurrency?: number;
  prefix?: string;
  /** The correlation id a job's lines carry (see jobLogger), for the queue's own line about a failed job. */
  correlationOf?: (job: J) => string | undefined;
}): JobQueue<J> {
  // BullMQ needs blocking commands: its own connections, with no per-command retry limit.
  const connections: Redis[] = [];
  const connection = () => {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
    connections.push(redis);
    return redis;
  };
  const producer = connection();
  const queue = new Queue(QUEUE_NAME, { connection: producer, prefix: options.prefix ?? 'aos' });
  const workers: Worker[] = [];
  return {
    async enqueue(job, jobId, enqueueOptions) {
      await queue.add('job', job, {
        jobId,
        ...(enqueueOptions?.delayMs ? { delay: enqueueOptions.delayMs } : {}),
        attempts: 3,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      });
    },
    process(handler) {
      const worker = new Worker(QUEUE_NAME, async (job) => handler(job.data as J), {
        connection: connection(),
        prefix: options.prefix ?? 'aos',
        concurrency: options.concurrency ?? 2,
      });
      worker.on('failed', (job, error) =>
        options.logger.error(
          { err: error.message, job_id: job?.id, correlation_id: (job && options.correlationOf?.(job.data as J)) ?? job?.id },
          'job failed',
        ),
      );
      workers.push(worker);
    },
    async depth() {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
      const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
      return {
        waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0),
        active: counts.active ?? 0,
        oldestWaitingMs: oldest ? Date.now() - oldest.timestamp : 0,
      };
    },
    async workers() {
      return queue.getWorkersCount();
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await queue.close();
      for (const redis of connections) redis.disconnect();
    },
  };
}
