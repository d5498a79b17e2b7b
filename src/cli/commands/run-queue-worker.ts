import fs from 'node:fs';
import { Probot } from 'probot';
import { composeAgentDeps } from '../../compose/compose-agent-deps.ts';
import { createWorkerDeps } from '../../compose/create-worker-deps.ts';
import { githubOctokit } from '../../compose/github-octokit.ts';
import { jobCorrelationId } from '../../app/jobs/job-logger.ts';
import type { AosJob } from '../../app/jobs/job-types.ts';
import { startWorker } from '../../app/start-worker.ts';
import { githubApiBaseUrl, loadConfig, loadEnv, tracingSettings } from '../../config/index.ts';
import { createLogger } from '../../observability/logger.ts';
import { startTracing } from '../../observability/tracing/start-tracing.ts';
import { createBullmqQueue } from '../../store/create-bullmq-queue.ts';
import { openBackends } from '../../store/open-backends.ts';
import type { CliInvocation } from '../cli-command.ts';
import { UsageError } from '../usage-error.ts';

/** `aos worker`: takes jobs from the BullMQ queue until SIGTERM or SIGINT. */
export async function runQueueWorker({ values, err }: CliInvocation): Promise<number> {
  const env = loadEnv();
  if (!env.REDIS_URL)
    throw new UsageError('aos worker needs REDIS_URL (the shared queue); without Redis, `npm start` runs the worker in-process');
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH))
    throw new UsageError('aos worker needs the GitHub App credentials: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH)');
  const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency must be a whole number of at least 1');
  const config = loadConfig({ configDir: env.AOS_CONFIG_DIR, env });
  const tracing = await startTracing(tracingSettings(env));
  const logger = createLogger({
    level: env.LOG_LEVEL,
    format: env.LOG_FORMAT ?? 'json',
    destination: process.stderr,
    ...(tracing.logFields ? { mixin: tracing.logFields } : {}),
  });
  const backends = await openBackends({ databaseUrl: env.DATABASE_URL, dataDir: env.AOS_DATA_DIR, redisUrl: env.REDIS_URL, logger });
  const privateKey = env.PRIVATE_KEY ?? fs.readFileSync(env.PRIVATE_KEY_PATH!, 'utf8');
  const Octokit = await githubOctokit(env);
  const probot = new Probot({
    appId: env.APP_ID,
    privateKey,
    baseUrl: githubApiBaseUrl(env),
    log: logger as never,
    ...(Octokit ? { Octokit } : {}),
  });
  const agent = composeAgentDeps({ env, config, backends, logger });
  const queue = createBullmqQueue<AosJob>({ redisUrl: env.REDIS_URL, logger, concurrency, correlationOf: jobCorrelationId });
  const deps = createWorkerDeps({ env, config, backends, agent, logger, probot: () => probot, queue });
  await startWorker({ queue, deps, logger, resumeInterrupted: false, runStore: agent.runStore });
  err(`aos worker: taking jobs from the queue on ${new URL(env.REDIS_URL).host} (${backends.describe}), concurrency ${concurrency}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  err('aos worker: stopping after the jobs in hand');
  await queue.close();
  await backends.close();
  await tracing.stop();
  return 0;
}
