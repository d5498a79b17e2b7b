import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '#src/store/open-database.ts';
import { migrateLatest } from '#src/store/migrate.ts';

/** A migrated database of its own for one test file, and how to throw it away. */
export interface TestDatabase {
  db: Database;
  /** The PostgreSQL URL (null for PGlite): child processes and raw clients connect here. */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh database named for this test on the PostgreSQL server at `serverUrl`, migrated. */
export async function createPostgresTestDatabase(serverUrl: string, options: { poolMax?: number } = {}): Promise<TestDatabase> {
  const name = `aos_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), ...(options.poolMax ? { poolMax: options.poolMax } : {}) });
  await migrateLatest(db.knex);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** An in-memory PGlite database, migrated. */
export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrateLatest(db.knex);
  return { db, url: null, drop: () => db.close() };
}
