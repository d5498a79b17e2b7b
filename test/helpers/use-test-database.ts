import { afterAll, beforeAll } from 'vitest';
import type { TestDatabase } from './test-database.ts';

/**
 * A database from `create` (one of `databaseEngines()`) for the suite that calls this: created
 * before its tests and dropped after them. The object handed back reads through to that database,
 * so tests use it as they would the database itself.
 */
export function useTestDatabase(create: () => Promise<TestDatabase>): TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await create();
  });
  afterAll(async () => {
    await database?.drop();
  });
  const current = (): TestDatabase => {
    if (!database) throw new Error('the test database is used before the suite created it');
    return database;
  };
  return {
    get db() {
      return current().db;
    },
    get url() {
      return current().url;
    },
    drop: () => current().drop(),
  };
}
