import fs from 'node:fs';
import path from 'node:path';
import type { AosConfig, AosEnv } from '../config/index.ts';
import { withTimeout } from '../lib/with-timeout.ts';
import type { Logger } from '../observability/logger.ts';
import type { StatusSources } from '../state/status/status-sources.ts';
import type { JobQueue } from '../store/job-queue.ts';
import { openDatabase } from '../store/open-database.ts';
import { createStatusSources, type StatusSourceParts } from './create-status-sources.ts';

const CLOSE_TIMEOUT_MS = 5000;

/** The embedded engine's data folder under `dataDir`, as openDatabase names it. */
const pgdataOf = (dataDir: string) => path.resolve(dataDir, 'pgdata');

/** Opens the database without migrating, and without making an embedded one that is not there yet. */
async function openForStatus(env: Pick<AosEnv, 'DATABASE_URL' | 'AOS_DATA_DIR'>, logger: Logger): Promise<StatusSourceParts['database']> {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    const location = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
    // A failed connection is the status's finding; knex's own warning would land on stdout, amid --json.
    const warn = (message: string) => logger.debug(message);
    return openDatabase({ databaseUrl: env.DATABASE_URL, poolMax: 2, warn }).catch((error: Error) => ({
      kind: 'postgres',
      location,
      error,
    }));
  }
  const location = pgdataOf(env.AOS_DATA_DIR);
  const exists = fs.existsSync(location) && fs.readdirSync(location).length > 0;
  if (!exists)
    return {
      kind: 'pglite',
      location,
      error: new Error(`there is no embedded database at ${location} yet (npm start or aos migrate makes it)`),
    };
  return openDatabase({ dataDir: env.AOS_DATA_DIR }).catch((error: Error) => ({ kind: 'pglite', location, error }));
}

/**
 * What `aos status` reads, opened the way the server opens it but for looking only: no migration,
 * no new embedded database, a Redis client whose errors the probe reports, and the BullMQ queue
 * opened only when it is read (after Redis answered). `close` ends every connection.
 */
export async function openStatusSources(options: {
  env: Pick<AosEnv, 'DATABASE_URL' | 'AOS_DATA_DIR' | 'REDIS_URL'>;
  config: AosConfig;
  logger: Logger;
}): Promise<{ sources: StatusSources; close(): Promise<void> }> {
  const { env, logger } = options;
  const database = await openForStatus(env, logger);
  const redisUrl = env.REDIS_URL;
  let redis: StatusSourceParts['redis'] = null;
  let queue: JobQueue<unknown> | undefined;
  let read: StatusSourceParts['queue']['read'] = null;
  if (redisUrl) {
    const [{ createRedisClient }, { createBullmqQueue }] = await Promise.all([
      import('../store/redis-client.ts'),
      import('../store/create-bullmq-queue.ts'),
    ]);
    // A socket still connecting to a Redis that is not there would hold the process for ioredis's 2 s on close.
    const client = createRedisClient(redisUrl, { disconnectTimeoutMs: 100 });
    // The probe reports the failure; without a listener ioredis would print each reconnect error.
    client.on('error', () => undefined);
    redis = { client, location: new URL(redisUrl).host };
    const open = () => (queue ??= createBullmqQueue<unknown>({ redisUrl, logger }));
    read = { depth: () => open().depth(), workers: () => open().workers() };
  }
  const sources = createStatusSources({
    config: options.config,
    database,
    redis,
    queue: redisUrl
      ? { kind: 'bullmq', read }
      : { kind: 'in-process', read: null, note: "no REDIS_URL: the queue runs inside the server's process; see its /metrics or run pages" },
    logger,
  });
  return {
    sources,
    async close() {
      redis?.client.disconnect();
      await Promise.all([
        queue && withTimeout(queue.close(), CLOSE_TIMEOUT_MS, 'closing the queue').catch(() => undefined),
        'knex' in database ? database.close() : undefined,
      ]);
    },
  };
}
