import { trace } from '@opentelemetry/api';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { countGithubRequests } from '../github/count-github-requests.ts';
import { continueCiWait } from './continue-ci-wait.ts';
import type { CiResultJob } from './job-types.ts';
import { runLogger } from './job-logger.ts';
import { recordGithubRequests } from './record-github-requests.ts';
import { schedulePoll } from './start-ci-wait.ts';
import type { WorkerDeps } from './worker-deps.ts';
import { continueTrace } from '../../observability/tracing/continue-trace.ts';
import { withSpan } from '../../observability/tracing/with-span.ts';

/**
 * A CI webhook or poll in a worker: finds the run waiting on that head commit and takes one look
 * at its CI. A webhook for a head no run waits on (an older commit, a late or repeated delivery,
 * anyone else's pull request) changes nothing. A look that fails unexpectedly is logged and, for
 * a poll, tried again at the next interval, so the wait never silently stops.
 */
export async function processCiResultJob(job: CiResultJob, deps: WorkerDeps): Promise<void> {
  const run = job.runId ? await deps.runStore.getRun(job.runId) : await deps.runStore.runWaitingForCi(job.owner, job.repo, job.headSha);
  if (!run || run.status !== 'running' || run.ci?.phase !== 'waiting' || run.ci.headSha !== job.headSha) {
    deps.logger.debug({ head_sha: job.headSha, delivery_id: job.deliveryId }, 'CI result for a head no run waits on: nothing to do');
    return;
  }
  // From here the run's lines carry its id, as the command job's did.
  deps = { ...deps, logger: runLogger(deps.logger, job, run.id) };
  const octokit = await deps.octokitFor(job.installationId);
  // The look (and a ci-fix pass it starts) costs the installation's rate limit too: the run's ledger counts it.
  const requests = countGithubRequests(octokit);
  const target: RepoTarget = { octokit, owner: job.owner, repo: job.repo };
  const ci = run.ci;
  // The span of the job that woke the run (its delivery's trace), linked from the run's.
  const woken = trace.getActiveSpan()?.spanContext();
  const attributes = { 'aos.run_id': run.id, 'aos.ci.pass': ci.pass, 'git.head_sha': job.headSha };
  const look = () =>
    withSpan(`run ci-${job.source}`, { attributes, ...(woken ? { links: [{ context: woken }] } : {}) }, () =>
      continueCiWait(run, deps, target, job.source),
    );
  try {
    // In the run's own trace (one trace per run), whichever delivery or poll woke it.
    await (ci.trace?.traceparent ? continueTrace(ci.trace, look) : look());
  } catch (error) {
    deps.logger.error({ err: error instanceof Error ? error.stack : String(error), run_id: run.id }, 'looking at CI failed');
    if (job.source === 'poll') await schedulePoll(run, run.ci, deps, deps.ci.pollMs, (deps.now ?? Date.now)());
  } finally {
    await recordGithubRequests(deps, run.id, requests);
  }
}
