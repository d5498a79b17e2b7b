/**
 * Composition root of the app server (`npm start`): configuration → storage → agent stack →
 * Probot server with an in-process worker (or a BullMQ producer when REDIS_URL is set, with
 * workers in this process too). Configuration errors end the process with exit code 2 and one
 * message naming the file, the path inside it and the problem.
 *
 * Start-up order is chosen for time to ready: the database starts opening first (the embedded
 * engine compiles its WebAssembly off the main thread) and the server's modules load meanwhile;
 * the worker's modules load after the server listens.
 */
import type { Probot } from 'probot';
import type { AosJob } from './app/jobs/job-types.ts';
import { ConfigError, loadConfig, loadEnv, probotEnv } from './config/index.ts';
import { createLogger } from './observability/logger.ts';
import type { JobQueue } from './store/job-queue.ts';
import { openBackends } from './store/open-backends.ts';

/** The modules the server needs before it listens. */
async function importServer() {
  const [probot, app, agentDeps, httpHandlers, metrics, webhookAck, notifications, residency, octokit] = await Promise.all([
    import('probot'),
    import('./app/create-aos-app.ts'),
    import('./compose/compose-agent-deps.ts'),
    import('./compose/create-http-handlers.ts'),
    import('./observability/metrics.ts'),
    import('./observability/record-webhook-ack.ts'),
    import('./notify/create-notifications.ts'),
    import('./policy/residency/index.ts'),
    import('./compose/github-octokit.ts'),
  ]);
  return {
    ...app,
    ...agentDeps,
    ...httpHandlers,
    ...metrics,
    ...webhookAck,
    ...notifications,
    decideConfiguredVendors: residency.decideConfiguredVendors,
    summarizeResidency: residency.summarizeResidency,
    githubOctokit: octokit.githubOctokit,
    run: probot.run,
  };
}

async function main(): Promise<void> {
  const env = loadEnv();
  const config = loadConfig({ configDir: env.AOS_CONFIG_DIR, env });
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? 'pretty' });
  const opening = openBackends({ databaseUrl: env.DATABASE_URL, dataDir: env.AOS_DATA_DIR, redisUrl: env.REDIS_URL, logger });
  // Awaited below; until then a failure must not count as unhandled.
  opening.catch(() => undefined);
  const {
    run,
    composeAgentDeps,
    createAosApp,
    createHttpHandlers,
    createMetrics,
    recordWebhookAck,
    createNotifications,
    decideConfiguredVendors,
    summarizeResidency,
    githubOctokit,
  } = await importServer();
  const backends = await opening;
  // BullMQ (and ioredis) are imported only when Redis is configured.
  const queue: JobQueue<AosJob> = env.REDIS_URL
    ? (await import('./store/create-bullmq-queue.ts')).createBullmqQueue<AosJob>({ redisUrl: env.REDIS_URL, logger })
    : (await import('./store/create-memory-queue.ts')).createMemoryQueue<AosJob>({ logger });
  logger.info(`aos storage: ${backends.describe}; queue: ${env.REDIS_URL ? 'BullMQ on Redis' : 'in-process'}`);
  const metrics = createMetrics();
  const notifications = createNotifications({ env, config, knex: backends.db.knex, logger, metrics });
  const agent = composeAgentDeps({
    env,
    config,
    backends,
    logger,
    metrics,
    ...(notifications.alerts ? { alerts: notifications.alerts } : {}),
  });
  metrics.observeBudget(() => agent.guardian.getRemainingBudget());
  metrics.observeQueue(() => queue.depth());
  const http = createHttpHandlers({ env, config, backends, queue, agent, metrics, logger });
  const residency = summarizeResidency(decideConfiguredVendors(config));
  for (const line of residency.info) logger.info(line);
  for (const line of residency.warnings) logger.warn(line);
  if (agent.missingProviders.length > 0)
    logger.warn(`model providers not configured: ${agent.missingProviders.join(', ')} (routes fall back to the others)`);

  let probot: Probot | undefined;
  const app = createAosApp({
    queue,
    runStore: agent.runStore,
    logger,
    readiness: [
      { name: 'database', check: () => backends.db.knex.raw('select 1') },
      ...(backends.redis ? [{ name: 'redis', check: () => backends.redis!.ping() }] : []),
    ],
    handlers: http.handlers,
    onProbot: (instance) => {
      probot = instance;
    },
    onAcknowledged: (event, ms) => recordWebhookAck(metrics, event, ms),
  });
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    logger.info(
      `no GitHub App credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH): starting Probot's setup flow, open http://localhost:${env.PORT} to register aos from app.yml`,
    );
  }
  const Octokit = githubOctokit(env);
  const server = await run(app, { env: probotEnv(env), log: logger as never, ...(Octokit ? { Octokit } : {}) });
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
