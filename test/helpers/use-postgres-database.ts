import { afterAll, beforeAll } from 'vitest';
import { requireBackend } from './require-backend.ts';
import { createPostgresTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * A fresh PostgreSQL database for a suite that needs several processes on one database (PGlite's
 * store belongs to one process): created before the suite, dropped after it. `serverUrl` is null
 * when PostgreSQL is unreachable outside CI, for `it.skipIf`; under CI that is a failure instead.
 */
export function usePostgresDatabase(): { serverUrl: string | null; readonly database: TestDatabase } {
  const serverUrl = requireBackend('postgres');
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    if (serverUrl) database = await createPostgresTestDatabase(serverUrl);
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    serverUrl,
    get database() {
      if (!database) throw new Error('the PostgreSQL test database is not there: the suite should have been skipped');
      return database;
    },
  };
}
