import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Knex } from 'knex';
import { seedFromTemplate } from './embedded-template.ts';

/** The `pg` driver with aos's type parsers; imported only when PostgreSQL is used. */
async function loadPg(): Promise<void> {
  const { default: pg } = await import('pg');
  // PostgreSQL returns bigint (int8) and numeric as strings by default; counters and money in aos
  // fit in a double with room to spare, and numbers keep every caller free of parsing.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
}

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
  /**
   * A template of the embedded engine's data folder (see embedded-template.ts), copied into a new
   * `<dataDir>/pgdata` instead of initialising it; ignored when absent, unusable or the folder exists.
   */
  embeddedTemplate?: string | undefined;
  /** Where knex's own warnings go (such as a failed connection attempt); default knex's, which is stdout. */
  warn?: (message: string) => void;
}

/**
 * PGlite is PostgreSQL compiled to WebAssembly. At V8's default tier-up budget, a start spends
 * about as much CPU compiling optimised code for functions that run only while PostgreSQL starts
 * as on the start itself; a budget 100 times larger halves the embedded engine's start, and the
 * functions a long-running process keeps calling are still optimised, later. Set once, before the
 * engine's module is compiled; the flag concerns WebAssembly only, and PGlite is aos's only.
 */
let tierUpDeferred = false;
function deferWasmTierUp(): void {
  if (tierUpDeferred) return;
  v8.setFlagsFromString('--wasm-tiering-budget=180000000');
  tierUpDeferred = true;
}

/**
 * Opens PostgreSQL when a URL is given, else the embedded engine under `dataDir`. Only the driver
 * in use is imported (knex, and `pg` or PGlite), so a process that needs no database loads none.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { default: knexFactory } = await import('knex');
  if (options.databaseUrl) {
    await loadPg();
    const knex = knexFactory({
      client: 'pg',
      connection: options.databaseUrl,
      pool: { min: 0, max: options.poolMax ?? 10 },
      ...(options.warn ? { log: { warn: options.warn } } : {}),
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
  if (filename && options.embeddedTemplate) seedFromTemplate(filename, options.embeddedTemplate);
  if (filename) fs.mkdirSync(filename, { recursive: true });
  deferWasmTierUp();
  const { default: ClientPgLite } = await import('knex-pglite');
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    connection: (filename ? { filename } : {}) as Knex.StaticConnectionConfig,
  });
  return { knex, kind: 'pglite', location: filename ?? 'memory', close: () => knex.destroy() };
}
