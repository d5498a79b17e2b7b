import type { Knex } from 'knex';
import { compareCounterKeys, type CounterKey, type CounterState } from '../../policy/finops/index.ts';

// The SQL of the budget counters, shared by reserve, settle and release in budget-store.ts: every
// statement that locks or changes a counter is here, so the lock order is written once.

/** A `budget_counters` row as the driver returns it. */
export interface CounterRow {
  scope: CounterKey['scope'];
  scope_id: string;
  period: CounterKey['period'];
  period_key: string;
  unit: CounterKey['unit'];
  cap: number;
  spent: number;
  reserved: number;
}

/** A counter row as a CounterState (numbers parsed). */
export const counterState = (row: CounterRow): CounterState => ({
  scope: row.scope,
  scopeId: row.scope_id,
  period: row.period,
  periodKey: row.period_key,
  unit: row.unit,
  cap: Number(row.cap),
  spent: Number(row.spent),
  reserved: Number(row.reserved),
});

const keyTuple = (key: CounterKey) => [key.scope, key.scopeId, key.period, key.periodKey, key.unit];

/** The lock order of counters in SQL: `compareCounterKeys`'s, byte-wise. */
export const COUNTER_ORDER = 'scope COLLATE "C", scope_id COLLATE "C", period COLLATE "C", period_key COLLATE "C", unit COLLATE "C"';
const KEY_MATCH = '(scope, scope_id, period, period_key, unit)';

/**
 * Locks counters in the fixed order of `compareCounterKeys`, in one round trip. With caps (a
 * reservation), missing counters are created by the same statement: a multi-row upsert locks its
 * rows in VALUES order. Without caps (settlement, release), `SELECT … ORDER BY … FOR UPDATE` locks
 * them in the same order. Either way two transactions queue instead of deadlocking.
 */
export async function lockCounters(trx: Knex.Transaction, keys: ReadonlyArray<CounterKey & { cap?: number }>): Promise<CounterState[]> {
  if (keys.length === 0) return [];
  const sorted = [...keys].sort(compareCounterKeys);
  if (sorted.every((key) => key.cap !== undefined)) {
    const { rows } = await trx.raw<{ rows: CounterRow[] }>(
      `INSERT INTO budget_counters (scope, scope_id, period, period_key, unit, cap) VALUES ${sorted.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (scope, scope_id, period, period_key, unit) DO UPDATE SET cap = EXCLUDED.cap
       RETURNING scope, scope_id, period, period_key, unit, cap, spent, reserved`,
      sorted.flatMap((key) => [...keyTuple(key), key.cap!]),
    );
    return rows.map(counterState).sort(compareCounterKeys);
  }
  const { rows } = await trx.raw<{ rows: CounterRow[] }>(
    `SELECT scope, scope_id, period, period_key, unit, cap, spent, reserved FROM budget_counters
     WHERE ${KEY_MATCH} IN (${sorted.map(() => '(?, ?, ?, ?, ?)').join(', ')})
     ORDER BY ${COUNTER_ORDER} FOR UPDATE`,
    sorted.flatMap(keyTuple),
  );
  return rows.map(counterState);
}

/** A statement run inside the counters update as a CTE, to save a round trip. */
export interface SideStatement {
  sql: string;
  bindings: unknown[];
}

/**
 * Applies per-counter changes to reserved and spent in one statement (rows already locked), with
 * an optional side statement (the reservation or spend row) in the same round trip.
 */
export async function adjustCounters(
  trx: Knex.Transaction,
  changes: ReadonlyArray<{ key: CounterKey; reserved: number; spent: number }>,
  now: Date,
  side?: SideStatement,
): Promise<void> {
  if (changes.length === 0) {
    if (side) await trx.raw(side.sql, side.bindings as never);
    return;
  }
  await trx.raw(
    `${side ? `WITH side AS (${side.sql}) ` : ''}UPDATE budget_counters AS c SET reserved = GREATEST(c.reserved + v.reserved, 0), spent = c.spent + v.spent, updated_at = ?
     FROM (VALUES ${changes.map(() => '(?, ?, ?, ?, ?, ?::numeric, ?::numeric)').join(', ')}) AS v(scope, scope_id, period, period_key, unit, reserved, spent)
     WHERE (c.scope, c.scope_id, c.period, c.period_key, c.unit) = (v.scope, v.scope_id, v.period, v.period_key, v.unit)`,
    [...(side?.bindings ?? []), now, ...changes.flatMap((change) => [...keyTuple(change.key), change.reserved, change.spent])] as never,
  );
}

/** A raw INSERT of one row, for use as a side statement. */
export function insertRow(table: string, row: Record<string, unknown>): SideStatement {
  const columns = Object.keys(row);
  return {
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    bindings: columns.map((column) => row[column] ?? null),
  };
}

/** The current state of counters, without locking. */
export async function readCounterStates(knex: Knex, keys: readonly CounterKey[]): Promise<CounterState[]> {
  if (keys.length === 0) return [];
  const rows = (await knex('budget_counters')
    .select('scope', 'scope_id', 'period', 'period_key', 'unit', 'cap', 'spent', 'reserved')
    .whereIn(['scope', 'scope_id', 'period', 'period_key', 'unit'], keys.map(keyTuple))) as CounterRow[];
  return rows.map(counterState);
}
