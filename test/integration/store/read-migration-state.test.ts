import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.ts';
import { migrateLatest, readMigrationState } from '#src/store/migrate.ts';
import { openDatabase, type Database } from '#src/store/open-database.ts';
import { requireBackend } from '../../helpers/require-backend.ts';

const NAMES = migrations.map((entry) => entry.name);

describe('reading the migration state without writing (aos status)', () => {
  // A database no migration ran on: a new one on PostgreSQL (fast), else the embedded engine in memory.
  const serverUrl = requireBackend('postgres');
  const name = `aos_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl! });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  let db: Database;
  beforeAll(async () => {
    if (!serverUrl) {
      db = await openDatabase({ dataDir: 'memory://' });
      return;
    }
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: url.toString() });
  });
  afterAll(async () => {
    await db?.close();
    if (serverUrl) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('finds every migration pending on a database none ran on, and leaves it without the migrations table', async () => {
    expect(await readMigrationState(db.knex)).toEqual({ applied: [], pending: NAMES });
    expect(await db.knex.schema.hasTable('knex_migrations')).toBe(false);
  });

  it('lists the applied ones in order and the one whose record is gone as pending', async () => {
    await migrateLatest(db.knex);
    expect(await readMigrationState(db.knex)).toEqual({ applied: NAMES, pending: [] });
    await db
      .knex('knex_migrations')
      .where({ name: NAMES.at(-1) })
      .delete();
    expect(await readMigrationState(db.knex)).toEqual({ applied: NAMES.slice(0, -1), pending: [NAMES.at(-1)] });
  });
});
