import type { Knex } from 'knex';

/**
 * Total EUR settled since `since`: everything (the burn-rate forecast), or one installation's or
 * one repository's calls only (`/aos budget`, which must not show anyone else's spend).
 */
export async function sumSpendSince(knex: Knex, since: Date, of: { installationId?: string; repository?: string }): Promise<number> {
  const query = knex('spend').where('created_at', '>=', since);
  if (of.installationId !== undefined) void query.andWhere('installation_id', of.installationId);
  if (of.repository !== undefined) void query.andWhere('repository', of.repository);
  const row = (await query.sum({ total: 'cost_eur' }).first()) as { total: number | string | null } | undefined;
  return Number(row?.total ?? 0);
}
