import { migrateRollback, migrationStatus } from '../../store/migrate.ts';
import type { CliInvocation } from '../cli-command.ts';
import { openCliContext } from '../cli-context.ts';
import { UsageError } from '../usage-error.ts';

/** `aos migrate latest|rollback|status`: applies, undoes or lists the migrations. */
export async function migrateDatabase({ positionals, values, out }: CliInvocation): Promise<number> {
  const action = positionals[0] ?? 'latest';
  if (!['latest', 'rollback', 'status'].includes(action)) throw new UsageError(`unknown migrate action "${action}"`);
  const { backends } = await openCliContext({ migrate: action === 'latest' });
  try {
    if (action === 'status') {
      const status = await migrationStatus(backends.db.knex);
      if (values.json) out(JSON.stringify({ database: backends.describe, ...status }));
      else
        out(
          [
            `database: ${backends.describe}`,
            ...status.applied.map((name) => `applied  ${name}`),
            ...status.pending.map((name) => `pending  ${name}`),
          ].join('\n'),
        );
      return 0;
    }
    const names = action === 'latest' ? backends.applied : await migrateRollback(backends.db.knex);
    if (values.json) out(JSON.stringify({ action, migrations: names }));
    else out(names.length > 0 ? `${action}: ${names.join(', ')}` : `${action}: nothing to do, the database is up to date`);
    return 0;
  } finally {
    await backends.close();
  }
}
