import type { CliCommand } from '../cli-command.ts';

/** `aos migrate [latest|rollback|status] [--json]`. */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply, roll back or list database migrations',
  help: `Usage: aos migrate [latest|rollback|status] [--json]

  latest    apply every pending migration (default)
  rollback  undo the last batch of migrations
  status    list applied and pending migrations

Works on PostgreSQL (DATABASE_URL) or the embedded database under AOS_DATA_DIR.`,
  options: { json: { type: 'boolean' } },
  run: async (invocation) => (await import('./migrate-database.ts')).migrateDatabase(invocation),
};
