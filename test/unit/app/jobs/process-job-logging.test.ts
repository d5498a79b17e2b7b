import { describe, expect, it } from 'vitest';
import { jobCorrelationId } from '#src/app/jobs/job-logger.ts';
import type { PackageRealityJob } from '#src/app/jobs/job-types.ts';
import { processJob } from '#src/app/jobs/process-job.ts';
import type { WorkerDeps } from '#src/app/jobs/worker-deps.ts';
import { createMemoryQueue } from '#src/store/create-memory-queue.ts';
import { captureLogger } from '../../../helpers/capture-logger.ts';

const job = (extra: Partial<PackageRealityJob> = {}): PackageRealityJob => ({
  type: 'package-reality',
  deliveryId: 'delivery-1',
  installationId: 7,
  owner: 'octo',
  repo: 'fixture',
  pullNumber: 3,
  headSha: 'a'.repeat(40),
  baseSha: 'b'.repeat(40),
  ...extra,
});

describe('a failing job on the in-process queue', () => {
  it('is logged by the worker and by the queue under the correlation id its data carries', async () => {
    const { logger, lines } = captureLogger();
    // GitHub cannot be reached: the job fails at its first step, before any network traffic.
    const deps = {
      logger,
      octokitFor: async () => {
        throw new Error('no GitHub client for installation 7');
      },
    } as unknown as WorkerDeps;
    const queue = createMemoryQueue<PackageRealityJob>({ logger, correlationOf: jobCorrelationId });
    queue.process((queued) => processJob(queued, deps));
    await queue.enqueue(job({ correlationId: 'run-42', requestId: 'req-9' }), 'job-1');
    await queue.enqueue(job({ deliveryId: 'delivery-2' }), 'job-2');
    await queue.idle();
    await queue.close();
    const failed = lines.filter((line) => line.msg === 'job failed');
    // Two jobs run at once: compare in a fixed order.
    expect(failed.map((line) => [line.correlation_id, line.job_id ?? line.delivery_id]).sort()).toEqual([
      ['delivery-2', 'delivery-2'],
      ['delivery-2', 'job-2'],
      ['run-42', 'delivery-1'],
      ['run-42', 'job-1'],
    ]);
    expect(lines.find((line) => line.msg === 'job started' && line.correlation_id === 'run-42')).toMatchObject({
      request_id: 'req-9',
      installation_id: 7,
      repo: 'octo/fixture',
      job_type: 'package-reality',
    });
  });
});
