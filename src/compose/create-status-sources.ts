import type { Redis } from 'ioredis';
import type { AosConfig } from '../config/index.ts';
import type { Logger } from '../observability/logger.ts';
import { readAllCaps } from '../app/http/run-pages/read-all-caps.ts';
import { createBudgetGuardian } from '../state/budget/budget-guardian.ts';
import { createCircuitStore } from '../state/circuit/circuit-store.ts';
import { createRunStore } from '../state/run-store.ts';
import type { QueueReading, StatusSources } from '../state/status/status-sources.ts';
import type { JobQueue } from '../store/job-queue.ts';
import { readMigrationState } from '../store/migrate.ts';
import type { Database } from '../store/open-database.ts';
import { pingRedis } from '../store/ping-redis.ts';

/** Inputs of {@link createStatusSources}. */
export interface StatusSourceParts {
  config: AosConfig;
  /** The open database, or why it could not be opened. */
  database: Database | { kind: Database['kind']; location: string; error: Error };
  /** The Redis client and its host:port; null without REDIS_URL. */
  redis: { client: Redis; location: string } | null;
  /** The queue to read, or null where this process cannot see it (`note` then says where it can be seen). */
  queue: { kind: 'bullmq' | 'in-process'; read: Pick<JobQueue<unknown>, 'depth' | 'workers'> | null; note?: string };
  logger: Logger;
}

const readQueue = async (queue: Pick<JobQueue<unknown>, 'depth' | 'workers'>): Promise<QueueReading> => {
  const [depth, workers] = await Promise.all([queue.depth(), queue.workers()]);
  return { ...depth, workers };
};

/**
 * The sources of `gatherSystemStatus` on a process's backends: the server's own (run pages) or the
 * ones `aos status` opens. The budget is read through a guardian that publishes no alert, since
 * looking must never raise one; every routed provider's token ceiling is included.
 */
export function createStatusSources(parts: StatusSourceParts): StatusSources {
  const { config, database } = parts;
  const failed = 'error' in database ? database.error : null;
  const knex = () => {
    if (failed) return Promise.reject(failed);
    return Promise.resolve((database as Database).knex);
  };
  const providers = Object.keys(config.routing.providers);
  const queueRead = parts.queue.read;
  return {
    database: {
      engine: database.kind === 'postgres' ? 'postgresql' : 'pglite',
      location: database.location,
      ping: async () => (await knex()).raw('select 1'),
      migrations: async () => readMigrationState(await knex()),
    },
    redis: parts.redis && { location: parts.redis.location, ping: () => pingRedis(parts.redis!.client) },
    queue: {
      kind: parts.queue.kind,
      read: queueRead && (() => readQueue(queueRead)),
      ...(parts.queue.note ? { note: parts.queue.note } : {}),
    },
    openCircuits: async () => createCircuitStore(await knex()).listOpen(),
    caps: async () => {
      const guardian = createBudgetGuardian({
        knex: await knex(),
        finops: config.finops,
        alerts: { publish: async () => undefined },
        logger: parts.logger,
      });
      return readAllCaps(guardian, providers)();
    },
    recentRuns: async (limit) => createRunStore(await knex()).listRuns({ limit }),
    config,
  };
}
