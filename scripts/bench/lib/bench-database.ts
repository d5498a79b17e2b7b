import { createPostgresTestDatabase, type TestDatabase } from '../../../test/helpers/test-database.ts';

export const BENCH_PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh, migrated PostgreSQL database for one benchmark run (on DATABASE_URL's server), dropped by `drop`. */
export async function createBenchDatabase(poolMax = 10): Promise<TestDatabase & { url: string }> {
  const database = await createPostgresTestDatabase(BENCH_PG_URL, { poolMax });
  return { ...database, url: database.url! };
}
