import type { AosJob } from './job-types.ts';
import { jobLogger } from './job-logger.ts';
import { processCommandJob } from './process-command-job.ts';
import { processPackageRealityJob } from './process-package-reality-job.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** Runs one queued job in a worker; its start, end or failure is logged under the job's correlation id. */
export async function processJob(job: AosJob, deps: WorkerDeps): Promise<void> {
  const logger = jobLogger(deps.logger, job);
  logger.info('job started');
  try {
    await (job.type === 'command' ? processCommandJob(job, deps) : processPackageRealityJob(job, deps));
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'job failed');
    throw error;
  }
  logger.info('job finished');
}
