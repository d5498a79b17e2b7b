import { migrateRollback, migrationStatus } from '../../store/migrate.ts';
import type { CliCommand } from '../cli-command.ts';
import { openCliContext } from '../cli-context.ts';
import { UsageError } from '../usage-error.ts';

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
  async run({ positionals, values, out }) {
    const action = positionals[0] ?? 'latest';
    if (!['latest', 'rollback', 'status'].includes(action)) throw new UsageError(`unknown migrate action "${action}"`);
    const { backends } = await openCliContext({ migrate: action === 'latest' });
    try {
      if (action === 'status') {
        const status = await migrationStatus(backends.db.knex);
        if (values.json) out(JSON.stringify({ database: backends.describe, ...status }));
        else out([`database: ${backends.describe}`, ...status.applied.map((name) => `applied  ${name}`), ...status.pending.map((name) => `pending  ${name}`)].join('\n'));
        return 0;
      }
      const names = action === 'latest' ? backends.applied : await migrateRollback(backends.db.knex);
      if (values.json) out(JSON.stringify({ action, migrations: names }));
      else out(names.length > 0 ? `${action}: ${names.join(', ')}` : `${action}: nothing to do, the database is up to date`);
      return 0;
    } finally {
      await backends.close();
    }
  },
};
