import type { Knex } from 'knex';
import { Probot, ProbotOctokit } from 'probot';
import { composeAgentDeps } from '#src/compose/compose-agent-deps.ts';
import { createAosApp } from '#src/app/create-aos-app.ts';
import type { AosJob } from '#src/app/jobs/job-types.ts';
import type { WorkerDeps } from '#src/app/jobs/worker-deps.ts';
import { openGithubWorkspace } from '#src/workspace/open-github-workspace.ts';
import type { RepoCache } from '#src/workspace/create-repo-cache.ts';
import { startWorker } from '#src/app/start-worker.ts';
import { createDependencyVerifier } from '#src/agents/create-dependency-verifier.ts';
import { loadConfig } from '#src/config/index.ts';
import { loadPackageRealityPolicy } from '#src/config/load-package-reality-policy.ts';
import { createPackageClients } from '#src/packages/create-package-clients.ts';
import { createMemoryQueue } from '#src/store/create-memory-queue.ts';
import { traceGithubRequests } from '#src/observability/tracing/trace-github-requests.ts';
import type { Tracing } from '#src/observability/tracing/start-tracing.ts';
import { captureLogger } from './capture-logger.ts';

export const NPM_REGISTRY = 'https://registry.test';
export const OSV = 'https://osv.test';

/**
 * The aos Probot app wired as `npm start` wires it (in-process queue and worker), on a real
 * database, with GitHub at `baseUrl` (nock's api.github.com by default, or a local double) and
 * the model at `modelUrl` (a local OpenAI-compatible double used as the on-premise provider).
 */
export async function appHarness(options: {
  knex: Knex;
  modelUrl?: string;
  baseUrl?: string;
  /** Folder holding `policies/` and `configs/` (AOS_CONFIG_DIR); the project root by default. */
  configDir?: string;
  /** AOS_GITHUB_RATE_LIMIT_FLOOR; unset, runs never wait for the rate limit. A waiting run goes back on the harness's queue. */
  rateLimitFloor?: number;
  /** The on-disk repository cache runs read their trees into, as `npm start` does; unset, the Git Data API blob by blob. */
  repoCache?: RepoCache;
  /** AOS_TRACE_CONTENT: model-call spans carry prompts and completions. */
  traceContent?: boolean;
  /** Running tracing (see in-memory-tracing.ts): log lines and deliveries are wired to it as `npm start` wires them. */
  tracing?: Tracing;
}) {
  const { logger, lines } = captureLogger(options.tracing?.logFields ? { mixin: options.tracing.logFields } : {});
  const configDir = options.configDir ?? process.cwd();
  const config = loadConfig({ configDir, env: options.modelUrl ? { AOS_LOCAL_LLM_URL: options.modelUrl } : {} });
  const backends = {
    db: { knex: options.knex, kind: 'postgres' as const, location: 'test', close: async () => undefined },
    redis: undefined,
  };
  const agent = composeAgentDeps({ env: options.traceContent ? { AOS_TRACE_CONTENT: true } : {}, config, backends, logger });
  const queue = createMemoryQueue<AosJob>({ logger });
  // With GitHub request spans as `npm start` has them when tracing is on (a no-op while no test registers a tracer).
  const Octokit = (ProbotOctokit.plugin(traceGithubRequests) as typeof ProbotOctokit).defaults({
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const probot = new Probot({
    githubToken: 'test-token',
    Octokit,
    log: logger as never,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  await probot.load(
    createAosApp({
      queue,
      runStore: agent.runStore,
      logger,
      readiness: [],
      serveHttp: false,
      ...(options.tracing?.webhook ? { tracing: options.tracing.webhook } : {}),
    }),
  );
  const packagePolicy = { ...loadPackageRealityPolicy(configDir), max_attempts: 1 };
  const { clients } = createPackageClients({
    npmRegistries: { defaultRegistry: NPM_REGISTRY, scopes: {}, origin: 'AOS_NPM_REGISTRY' },
    osvUrl: OSV,
    policy: packagePolicy,
    baseDelayMs: 1,
  });
  const deps: WorkerDeps = {
    // Probot's own client spaces write requests a second apart (GitHub's secondary rate limits);
    // tests talk to nock or a local double, so they use the same client without the throttle.
    octokitFor: async () =>
      new Octokit({
        auth: { token: 'test-token' },
        throttle: { enabled: false },
        retry: { enabled: false },
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      }) as Awaited<ReturnType<WorkerDeps['octokitFor']>>,
    config,
    router: agent.router,
    guardian: agent.guardian,
    ledger: agent.ledger,
    stateRepository: agent.stateRepository,
    runStore: agent.runStore,
    logger,
    packageClients: async () => clients,
    packagePolicy,
    openWorkspace: (request) => openGithubWorkspace(request, options.repoCache ? { repoCache: options.repoCache } : {}),
    dependencyVerifier: createDependencyVerifier({ clients, policy: packagePolicy }),
    metrics: agent.metrics,
    ...(options.rateLimitFloor === undefined
      ? {}
      : {
          githubRateLimitFloor: options.rateLimitFloor,
          requeue: (job, delayMs) => queue.enqueue(job, `${job.deliveryId}-requeued-${Date.now()}`, { delayMs }),
        }),
  };
  await startWorker({ queue, deps, logger, resumeInterrupted: false, runStore: agent.runStore });
  let delivery = 0;
  return {
    probot,
    agent,
    logs: lines,
    /** Delivers a webhook the way Probot's middleware does after the signature check, then waits for the worker. */
    async receive(name: string, payload: Record<string, unknown>, id = `delivery-${Date.now()}-${(delivery += 1)}`) {
      await probot.receive({ id, name, payload } as never);
      await queue.idle();
      return id;
    },
    /** Delivers a webhook without waiting for the worker (a run the test holds mid-way). */
    async send(name: string, payload: Record<string, unknown>, id = `delivery-${Date.now()}-${(delivery += 1)}`) {
      await probot.receive({ id, name, payload } as never);
      return id;
    },
    /** Resolves once the in-process queue has nothing waiting or running. */
    idle: () => queue.idle(),
  };
}
