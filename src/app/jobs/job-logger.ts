import { withCorrelation, type Logger } from '../../observability/logger.ts';
import type { AosJob } from './job-types.ts';

/** What a job is about, on each of its lines: enough to find its delivery, installation and repository. */
function jobFields(job: AosJob): Record<string, unknown> {
  return {
    delivery_id: job.deliveryId,
    job_type: job.type,
    installation_id: job.installationId,
    repo: `${job.owner}/${job.repo}`,
    ...(job.requestId ? { request_id: job.requestId } : {}),
  };
}

/** The correlation id of a job's lines before it has a run: the one its data carries, else its delivery id. */
export const jobCorrelationId = (job: AosJob): string => job.correlationId ?? job.deliveryId;

/**
 * The logger of one queued job, built from the worker's own logger: its correlation id is the one the
 * job data carries (the delivery id the webhook handler logged under), so a job taken by another
 * process logs under the same id as the server that received the webhook.
 */
export function jobLogger(logger: Logger, job: AosJob): Logger {
  return withCorrelation(logger, jobCorrelationId(job), jobFields(job));
}

/**
 * The logger of a job's run: from here on the run id is the correlation id (and `run_id`), and the
 * delivery id stays on each line to join it to what happened before the run existed.
 */
export function runLogger(logger: Logger, job: AosJob, runId: string): Logger {
  return withCorrelation(logger, runId, { ...jobFields(job), run_id: runId });
}
