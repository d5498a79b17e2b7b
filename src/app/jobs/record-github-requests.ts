import type { GithubRequestCount } from '../github/count-github-requests.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** Appends what this job cost in GitHub requests to the run's ledger; the run page adds these up. */
export async function recordGithubRequests(deps: WorkerDeps, runId: string, requests: GithubRequestCount): Promise<void> {
  await deps.ledger
    .appendEvent(runId, 'github.requests', {
      total: requests.total(),
      by_kind: requests.byKind(),
      rate_limit_remaining: requests.rateLimit()?.remaining ?? null,
    })
    .catch((error: unknown) => deps.logger.warn({ err: String(error), run_id: runId }, 'GitHub request count not recorded'));
}
