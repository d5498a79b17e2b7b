import type { Knex } from 'knex';
import { migrations } from '../../migrations/index.ts';

const source: Knex.MigrationSource<{ name: string; migration: Knex.Migration }> = {
  getMigrations: async () => [...migrations],
  getMigrationName: (entry) => entry.name,
  getMigration: async (entry) => entry.migration,
};

const config: Knex.MigratorConfig = { migrationSource: source, tableName: 'knex_migrations' };

/**
 * True when every known migration is recorded as applied and nothing else is, read with one
 * query. Knex's migrator asks the information schema several times, which costs the embedded
 * engine a noticeable part of its start; when this is not sure (no table yet), the migrator runs.
 */
async function allApplied(knex: Knex): Promise<boolean> {
  let rows: Array<{ name: string }>;
  try {
    rows = (await knex(config.tableName!).select('name')) as Array<{ name: string }>;
  } catch {
    return false;
  }
  const applied = new Set(rows.map((row) => row.name));
  return applied.size === migrations.length && migrations.every((entry) => applied.has(entry.name));
}

/** Applies every pending migration; returns the names applied. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  if (await allApplied(knex)) return [];
  const [, applied] = (await knex.migrate.latest(config)) as [number, string[]];
  return applied;
}

/** Rolls back the last batch of migrations; returns the names rolled back. */
export async function migrateRollback(knex: Knex): Promise<string[]> {
  const [, rolledBack] = (await knex.migrate.rollback(config)) as [number, string[]];
  return rolledBack;
}

/** Applied and pending migrations by name. */
export async function migrationStatus(knex: Knex): Promise<{ applied: string[]; pending: string[] }> {
  const [done, pending] = (await knex.migrate.list(config)) as [Array<{ name: string }>, Array<{ name: string }>];
  return { applied: done.map((entry) => entry.name), pending: pending.map((entry) => entry.name) };
}

/**
 * Applied and pending migrations read with one query and without writing: unlike knex's own list,
 * which creates its tables when they are missing, so `aos status` can look at a database that was
 * never migrated (every migration pending) or one it may only read.
 */
export async function readMigrationState(knex: Knex): Promise<{ applied: string[]; pending: string[] }> {
  let rows: Array<{ name: string }> = [];
  try {
    rows = (await knex(config.tableName!).select('name').orderBy('id')) as Array<{ name: string }>;
  } catch (error) {
    // 42P01: undefined_table, a database no migration has run on.
    if ((error as { code?: string }).code !== '42P01') throw error;
  }
  const applied = rows.map((row) => row.name);
  const done = new Set(applied);
  return { applied, pending: migrations.map((entry) => entry.name).filter((name) => !done.has(name)) };
}
