import type { AosJob } from './job-types.ts';
import { processCommandJob } from './process-command-job.ts';
import { processPackageRealityJob } from './process-package-reality-job.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** Runs one queued job in a worker. */
export function processJob(job: AosJob, deps: WorkerDeps): Promise<void> {
  return job.type === 'command' ? processCommandJob(job, deps) : processPackageRealityJob(job, deps);
}
