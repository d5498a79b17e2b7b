import type { AosJob } from './job-types.ts';
import { processCiResultJob } from './process-ci-result-job.ts';
import { processCommandJob } from './process-command-job.ts';
import { processPackageRealityJob } from './process-package-reality-job.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** Runs one queued job in a worker. */
export function processJob(job: AosJob, deps: WorkerDeps): Promise<void> {
  switch (job.type) {
    case 'command':
      return processCommandJob(job, deps);
    case 'package-reality':
      return processPackageRealityJob(job, deps);
    case 'ci-result':
      return processCiResultJob(job, deps);
  }
}
