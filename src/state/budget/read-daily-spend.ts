import type { Knex } from 'knex';

/** EUR spent on one UTC day. */
export interface DailySpend {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  eur: number;
}

/**
 * Reads spend per UTC day from the `spend` table, for the budget page's chart: days in
 * `[from, to)` that had spend, oldest first. Read-only; the budget store owns the table.
 */
export function createDailySpendReader(knex: Knex) {
  return async (from: Date, to: Date): Promise<DailySpend[]> => {
    const { rows } = await knex.raw<{ rows: Array<{ day: string; eur: string | number }> }>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, SUM(cost_eur) AS eur
         FROM spend WHERE created_at >= ? AND created_at < ? GROUP BY 1 ORDER BY 1`,
      [from.toISOString(), to.toISOString()],
    );
    return rows.map((row) => ({ day: row.day, eur: Number(row.eur) }));
  };
}
