import { SpanKind } from '@opentelemetry/api';
import { continueTrace } from '../../observability/tracing/continue-trace.ts';
import { withSpan } from '../../observability/tracing/with-span.ts';
import type { AosJob } from './job-types.ts';
import { jobLogger } from './job-logger.ts';
import { processCommandJob } from './process-command-job.ts';
import { processPackageRealityJob } from './process-package-reality-job.ts';
import type { WorkerDeps } from './worker-deps.ts';

/**
 * Runs one queued job in a worker, in a `job <type>` span that continues the trace of the delivery that
 * enqueued it (its `traceparent`), whichever process takes the job; its start, end or failure is logged under
 * the job's correlation id, inside that span.
 */
export function processJob(job: AosJob, deps: WorkerDeps): Promise<void> {
  const attributes = {
    'github.delivery_id': job.deliveryId,
    'github.installation_id': job.installationId,
    'github.repository': `${job.owner}/${job.repo}`,
  };
  return continueTrace({ traceparent: job.traceparent, tracestate: job.tracestate }, () =>
    withSpan(`job ${job.type}`, { kind: SpanKind.CONSUMER, attributes }, async () => {
      const logger = jobLogger(deps.logger, job);
      logger.info('job started');
      try {
        await (job.type === 'command' ? processCommandJob(job, deps) : processPackageRealityJob(job, deps));
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'job failed');
        throw error;
      }
      logger.info('job finished');
    }),
  );
}
