import { requireBackend } from './require-backend.ts';
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from './test-database.ts';

/** The database engines a storage suite runs against: PostgreSQL (when reachable or under CI) and PGlite (always). */
export function databaseEngines(): Array<{ engine: 'postgres' | 'pglite'; create: () => Promise<TestDatabase> }> {
  const pgUrl = requireBackend('postgres');
  return [
    ...(pgUrl ? [{ engine: 'postgres' as const, create: () => createPostgresTestDatabase(pgUrl, { poolMax: 10 }) }] : []),
    { engine: 'pglite' as const, create: createPgliteTestDatabase },
  ];
}
