import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';

// PostgreSQL returns bigint (int8) and numeric as strings by default; counters and money in aos
// fit in a double with room to spare, and numbers keep every caller free of parsing.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** An open database: PostgreSQL through `pg`, or the embedded PGlite engine. */
export interface Database {
  knex: Knex;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, without credentials: for the start-up log line. */
  location: string;
  close(): Promise<void>;
}

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** PostgreSQL URL; absent → embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite's data (`<dataDir>/pgdata`); `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Connection pool size for PostgreSQL. */
  poolMax?: number;
}

/** Opens PostgreSQL when a URL is given, else the embedded engine under `dataDir`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const knex = knexFactory({
      client: 'pg',
      connection: options.databaseUrl,
      pool: { min: 0, max: options.poolMax ?? 10 },
    });
    const url = new URL(options.databaseUrl);
    return {
      knex,
      kind: 'postgres',
      location: `${url.hostname}:${url.port || '5432'}${url.pathname}`,
      close: () => knex.destroy(),
    };
  }
  const dataDir = options.dataDir ?? '.aos';
  const inMemory = dataDir === 'memory://';
  const filename = inMemory ? undefined : path.resolve(dataDir, 'pgdata');
  if (filename) fs.mkdirSync(filename, { recursive: true });
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    connection: (filename ? { filename } : {}) as Knex.StaticConnectionConfig,
  });
  return { knex, kind: 'pglite', location: filename ?? 'memory', close: () => knex.destroy() };
}
