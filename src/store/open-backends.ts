import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';
import { defaultEmbeddedTemplate } from './embedded-template.ts';
import { migrateLatest } from './migrate.ts';
import { openDatabase, type Database } from './open-database.ts';

/** The storage backends of one process. */
export interface Backends {
  db: Database;
  redis: Redis | undefined;
  /** Migrations applied while opening (empty when the database was up to date or `migrate` was false). */
  applied: string[];
  /** One line for the start-up log: which database and which Redis, without credentials. */
  describe: string;
  close(): Promise<void>;
}

/**
 * Opens the database (PostgreSQL, or embedded PGlite when no URL is given; a new embedded data
 * folder starts as a copy of the build's template when there is a usable one), applies pending
 * migrations, and connects Redis when configured (ioredis is imported only then). Redis being
 * down at start is not fatal: the cache reconnects in the background and PostgreSQL answers
 * meanwhile.
 */
export async function openBackends(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  redisUrl?: string | undefined;
  logger: Logger;
  /** Apply pending migrations (default true; `aos migrate status|rollback` opens without). */
  migrate?: boolean;
  /** The embedded engine's template for a new data folder; default the one the build made (dist/pglite-template). */
  embeddedTemplate?: string;
}): Promise<Backends> {
  const embeddedTemplate = options.embeddedTemplate ?? defaultEmbeddedTemplate();
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, embeddedTemplate });
  const applied = options.migrate === false ? [] : await migrateLatest(db.knex);
  if (applied.length > 0) options.logger.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
  const redis = options.redisUrl ? (await import('./redis-client.ts')).createRedisClient(options.redisUrl) : undefined;
  const redisLabel = options.redisUrl ? `redis at ${new URL(options.redisUrl).host}` : 'no redis (no cache, in-process queue)';
  const dbLabel = db.kind === 'postgres' ? `postgresql at ${db.location}` : `embedded pglite at ${db.location}`;
  return {
    db,
    redis,
    applied,
    describe: `${dbLabel}; ${redisLabel}`,
    async close() {
      redis?.disconnect();
      await db.close();
    },
  };
}
