import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateLatest } from '../../../src/store/migrate.ts';
import { openDatabase, type Database } from '../../../src/store/open-database.ts';

export const BENCH_PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh, migrated PostgreSQL database for one benchmark run, dropped by `drop`. */
export async function createBenchDatabase(poolMax = 10): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const name = `aos_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolMax });
  await migrateLatest(db.knex);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: BENCH_PG_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
