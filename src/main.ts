/**
 * Composition root of the app server (`npm start`): configuration → storage → agent stack →
 * Probot server with an in-process worker (or a BullMQ producer when REDIS_URL is set, with
 * workers in this process too). Configuration errors end the process with exit code 2 and one
 * message naming the file, the path inside it and the problem.
 *
 * Start-up order is chosen for time to answer: the database starts opening first (the embedded
 * engine compiles its WebAssembly off the main thread), the server's few modules load meanwhile and
 * it listens at once (`/healthz` 200, `/readyz` 503 "starting"); the agent stack is built when the
 * database is open, and webhooks that arrive before are held until then (serveWhileStarting).
 */
import type { Probot } from 'probot';
import type { AosJob } from './app/jobs/job-types.ts';
import { ConfigError, loadConfig, loadEnv, probotEnv, tracingSettings } from './config/index.ts';
import { correlateProbotEvents } from './observability/correlate-probot-events.ts';
import { createLogger } from './observability/logger.ts';
import { startTracing } from './observability/tracing/start-tracing.ts';
import type { JobQueue } from './store/job-queue.ts';
import { openBackends } from './store/open-backends.ts';

/** The modules the server needs before it listens. */
async function importServer() {
  const [probot, app, starting, octokit, requestIds, jobLogger] = await Promise.all([
    import('probot'),
    import('./app/create-aos-app.ts'),
    import('./app/serve-while-starting.ts'),
    import('./compose/github-octokit.ts'),
    import('./app/http/assign-request-ids.ts'),
    import('./app/jobs/job-logger.ts'),
  ]);
  return {
    ...app,
    ...starting,
    githubOctokit: octokit.githubOctokit,
    run: probot.run,
    assignRequestIds: requestIds.assignRequestIds,
    jobCorrelationId: jobLogger.jobCorrelationId,
  };
}

/** The modules of everything behind the server: agent stack, run pages, notifications, residency. */
async function importStack() {
  const [metrics, webhookAck, agentDeps, httpHandlers, notifications, residency] = await Promise.all([
    import('./observability/metrics.ts'),
    import('./observability/record-webhook-ack.ts'),
    import('./compose/compose-agent-deps.ts'),
    import('./compose/create-http-handlers.ts'),
    import('./notify/create-notifications.ts'),
    import('./policy/residency/index.ts'),
  ]);
  return {
    ...metrics,
    ...webhookAck,
    ...agentDeps,
    ...httpHandlers,
    ...notifications,
    decideConfiguredVendors: residency.decideConfiguredVendors,
    summarizeResidency: residency.summarizeResidency,
  };
}

async function main(): Promise<void> {
  const env = loadEnv();
  const config = loadConfig({ configDir: env.AOS_CONFIG_DIR, env });
  // Off (and the SDK never loaded) unless OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_TRACES_EXPORTER is set.
  const tracing = await startTracing(tracingSettings(env));
  const logger = createLogger({
    level: env.LOG_LEVEL,
    format: env.LOG_FORMAT ?? 'pretty',
    ...(tracing.logFields ? { mixin: tracing.logFields } : {}),
  });
  const { run, createAosApp, serveWhileStarting, githubOctokit, assignRequestIds, jobCorrelationId } = await importServer();
  // Before the server exists, so its very first answer carries X-Request-Id too.
  const requestIds = assignRequestIds();
  // BullMQ (and ioredis) are imported only when Redis is configured.
  const queue: JobQueue<AosJob> = env.REDIS_URL
    ? (await import('./store/create-bullmq-queue.ts')).createBullmqQueue<AosJob>({
        redisUrl: env.REDIS_URL,
        logger,
        correlationOf: jobCorrelationId,
      })
    : (await import('./store/create-memory-queue.ts')).createMemoryQueue<AosJob>({ logger, correlationOf: jobCorrelationId });

  // The server listens first; the database and the agent stack come up behind it (see serveWhileStarting).
  let openDatabase: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => (openDatabase = resolve));
  const opening = listening.then(() =>
    openBackends({ databaseUrl: env.DATABASE_URL, dataDir: env.AOS_DATA_DIR, redisUrl: env.REDIS_URL, logger }),
  );
  // Awaited below; until then a failure must not count as unhandled.
  opening.catch(() => undefined);
  const stack = (async () => {
    const [modules, backends] = await Promise.all([listening.then(importStack), opening]);
    logger.info(`aos storage: ${backends.describe}; queue: ${env.REDIS_URL ? 'BullMQ on Redis' : 'in-process'}`);
    const metrics = modules.createMetrics();
    metrics.observeQueue(() => queue.depth());
    const notifications = modules.createNotifications({ env, config, knex: backends.db.knex, logger, metrics });
    const agent = modules.composeAgentDeps({
      env,
      config,
      backends,
      logger,
      metrics,
      ...(notifications.alerts ? { alerts: notifications.alerts } : {}),
    });
    metrics.observeBudget(() => agent.guardian.getRemainingBudget());
    metrics.observeForecast(async () => [await agent.guardian.getMonthEndForecast()]);
    metrics.observeCircuits(() => agent.router.circuitStates());
    const http = modules.createHttpHandlers({ env, config, backends, queue, agent, metrics, logger });
    const residency = modules.summarizeResidency(modules.decideConfiguredVendors(config));
    for (const line of residency.info) logger.info(line);
    for (const line of residency.warnings) logger.warn(line);
    if (agent.missingProviders.length > 0)
      logger.warn(`model providers not configured: ${agent.missingProviders.join(', ')} (routes fall back to the others)`);
    const recordAck = (event: string, ms: number) => modules.recordWebhookAck(metrics, event, ms);
    return { backends, notifications, agent, http, recordAck, runStore: agent.runStore, handlers: http.handlers };
  })();
  const starting = serveWhileStarting(stack);

  let probot: Probot | undefined;
  const app = createAosApp({
    queue,
    runStore: starting.runStore,
    logger,
    readiness: [
      starting.readiness,
      { name: 'database', check: async () => (await opening).db.knex.raw('select 1') },
      ...(env.REDIS_URL ? [{ name: 'redis', check: async () => (await opening).redis!.ping() }] : []),
    ],
    handlers: [starting.handler],
    requestIdFor: requestIds.forDelivery,
    ...(tracing.webhook ? { tracing: tracing.webhook } : {}),
    onProbot: (instance) => {
      probot = instance;
    },
    // An ack given while starting is recorded once the metrics exist.
    onAcknowledged: (event, ms) =>
      void stack.then(
        ({ recordAck }) => recordAck(event, ms),
        () => undefined,
      ),
  });
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    logger.info(
      `no GitHub App credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH): starting Probot's setup flow, open http://localhost:${env.PORT} to register aos from app.yml`,
    );
  }
  const Octokit = await githubOctokit(env);
  // Probot's own lines about a delivery (a failed handler, a bad signature) carry its correlation id too.
  const server = await run(app, { env: probotEnv(env), log: correlateProbotEvents(logger) as never, ...(Octokit ? { Octokit } : {}) });
  openDatabase();
  const { backends, notifications, agent, http } = await stack;
  if (probot) {
    const [{ createWorkerDeps }, { startWorker }] = await Promise.all([
      import('./compose/create-worker-deps.ts'),
      import('./app/start-worker.ts'),
    ]);
    const deps = createWorkerDeps({
      env,
      config,
      backends,
      agent,
      logger,
      probot: () => probot!,
      queue,
      ...(notifications.notify ? { notify: notifications.notify } : {}),
      ...(http.runPageUrl ? { runPageUrl: http.runPageUrl } : {}),
    });
    await startWorker({ queue, deps, logger, resumeInterrupted: !env.REDIS_URL, runStore: agent.runStore });
  }

  // Graceful shutdown: stop taking webhooks, let running jobs reach their next checkpoint.
  const shutdown = async (signal: string) => {
    logger.info(`${signal}: shutting down`);
    await server.stop().catch(() => undefined);
    await Promise.race([queue.close(), new Promise((resolve) => setTimeout(resolve, 25_000).unref())]);
    await notifications.stop();
    await backends.close();
    await tracing.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
