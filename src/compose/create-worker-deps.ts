import path from 'node:path';
import type { Probot } from 'probot';
import { createDependencyVerifier } from '../agents/create-dependency-verifier.ts';
import type { AosConfig, AosEnv } from '../config/index.ts';
import { loadPackageRealityPolicy } from '../config/load-package-reality-policy.ts';
import { resolveNpmRegistry } from '../config/resolve-npm-registry.ts';
import type { Logger } from '../observability/logger.ts';
import { createRedisPackageCache } from '../state/package-cache/create-redis-package-cache.ts';
import { createPackageClients } from '../packages/create-package-clients.ts';
import type { PackageClients } from '../packages/verify/package-clients.ts';
import type { Backends } from '../store/open-backends.ts';
import type { AgentDeps } from './compose-agent-deps.ts';
import { openGithubWorkspace } from '../workspace/open-github-workspace.ts';
import { createRepoCache } from '../workspace/create-repo-cache.ts';
import type { WorkerDeps } from '../app/jobs/worker-deps.ts';
import type { AosJob } from '../app/jobs/job-types.ts';
import type { JobQueue } from '../state/job-queue.ts';
import { countGithubRequests } from '../app/github/count-github-requests.ts';

/** Puts a command job back on `queue` under a new id, to be taken after `delayMs`. */
function requeueAfter(queue: JobQueue<AosJob>): NonNullable<WorkerDeps['requeue']> {
  return (job, delayMs) => queue.enqueue(job, `${job.deliveryId}-after-rate-limit-${Date.now()}`, { delayMs });
}

/**
 * The dependencies of a worker: the agent stack, package-reality clients (registry from the
 * operator's npm configuration, Redis cache when configured), and GitHub clients from Probot.
 */
export function createWorkerDeps(options: {
  env: AosEnv;
  config: AosConfig;
  backends: Pick<Backends, 'redis'>;
  agent: AgentDeps;
  logger: Logger;
  probot: () => Probot;
  runPageUrl?: (runId: string) => string | undefined;
  notify?: WorkerDeps['notify'];
  /** The queue the jobs come from: a run waiting for GitHub's rate limit goes back on it. */
  queue?: JobQueue<AosJob>;
  fetch?: typeof fetch;
}): WorkerDeps {
  const { env, agent } = options;
  // One tarball per new base commit, unpacked once for every pass and run on it, by any worker on this folder.
  const repoCache = createRepoCache({ dir: path.join(env.AOS_DATA_DIR, 'repo-cache'), maxBytes: env.AOS_REPO_CACHE_MAX_MB * 1024 * 1024 });
  const packagePolicy = loadPackageRealityPolicy(env.AOS_CONFIG_DIR);
  // Built on first use, not at start-up: resolving the operator's npm registry may spawn
  // `npm config get registry`, and a worker that never sees a dependency change never needs it.
  // The operator's own npm configuration (AOS_NPM_REGISTRY first): no registry host is built in.
  let clients: Promise<PackageClients> | undefined;
  const packageClients = () =>
    (clients ??= resolveNpmRegistry({ cwd: env.AOS_CONFIG_DIR }).then(
      (npmRegistries) =>
        createPackageClients({
          npmRegistries,
          pypiUrl: env.AOS_PYPI_URL,
          osvUrl: env.AOS_OSV_URL,
          policy: packagePolicy,
          ...(options.backends.redis ? { cache: createRedisPackageCache({ redis: options.backends.redis }) } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }).clients,
      (error: unknown) => {
        clients = undefined;
        throw error;
      },
    ));
  return {
    octokitFor: async (installationId) => {
      const octokit = (await options.probot().auth(installationId)) as Awaited<ReturnType<WorkerDeps['octokitFor']>>;
      // Every request of every job, for aos_github_requests_total; a run counts its own on top (processCommandJob).
      countGithubRequests(octokit, (kind) => agent.metrics.githubRequests.inc({ kind }));
      return octokit;
    },
    config: options.config,
    router: agent.router,
    guardian: agent.guardian,
    ledger: agent.ledger,
    stateRepository: agent.stateRepository,
    runStore: agent.runStore,
    logger: options.logger,
    packageClients,
    packagePolicy,
    openWorkspace: (request) => openGithubWorkspace(request, { repoCache }),
    dependencyVerifier: createDependencyVerifier({ clients: packageClients, policy: packagePolicy }),
    githubRateLimitFloor: env.AOS_GITHUB_RATE_LIMIT_FLOOR,
    ...(options.queue ? { requeue: requeueAfter(options.queue) } : {}),
    ...(options.runPageUrl ? { runPageUrl: options.runPageUrl } : {}),
    ...(options.notify ? { notify: options.notify } : {}),
    metrics: agent.metrics,
  };
}
