import type { ProbotOctokit } from 'probot';
import type { Logger } from '../../observability/logger.ts';

/**
 * Points the client's GitHub request lines (Probot's request logging, at debug level) at `logger`,
 * so they carry the job's or run's correlation fields. Each job has its own client (Probot builds
 * one per `auth`), so this changes no other job's lines.
 */
export function logRequestsTo(octokit: ProbotOctokit, logger: Logger): void {
  octokit.log = logger.child({ name: 'github' }) as unknown as ProbotOctokit['log'];
}
