import type { Knex } from 'knex';
import { compareCounterKeys } from '../../policy/finops/index.ts';
import { COUNTER_ORDER, counterState, type CounterRow } from './budget-counters.ts';
import { heldOn, reservationCounters, type ReservationRow } from './reservation-row.ts';
import type { SettledSpend, SettleMeta } from './settle-reservation.ts';
import { chargeFor, settledSpend, spendRow } from './settlement-charge.ts';

/**
 * Settles a reservation this process made and still knows (its row as inserted: price, amounts,
 * counters; only its status can have changed since), as one statement and so one transaction and
 * one round trip: the charge is computed before the statement, which closes the reservation only
 * if it is still open, then locks its counters in `lockCounters`' order (the reservation row
 * first, as reserve and release also take them), adjusts them and writes the spend row, every
 * write conditional on the close. Returns null, having written nothing, when the reservation was
 * no longer open: the caller's settlement from the database then says why.
 */
export async function settleKnownReservation(
  knex: Knex,
  reservation: ReservationRow,
  usage: { inputTokens: number; outputTokens: number },
  meta: SettleMeta = {},
): Promise<SettledSpend | null> {
  const now = meta.now ?? new Date();
  const charge = chargeFor(reservation, usage, meta.outcome ?? 'ok');
  const keys = [...reservationCounters(reservation)].sort(compareCounterKeys);
  const changes = keys.flatMap((key) => [
    key.scope,
    key.scopeId,
    key.period,
    key.periodKey,
    key.unit,
    -heldOn(key, reservation),
    key.unit === 'eur' ? charge.costEur : charge.inputTokens + charge.outputTokens,
  ]);
  const spend = spendRow(reservation.id, reservation, charge, meta, now);
  const columns = Object.keys(spend);
  const KEY = '(c.scope, c.scope_id, c.period, c.period_key, c.unit)';
  const { rows } = await knex.raw<{ rows: Array<{ closed: number; counters: CounterRow[] }> }>(
    `WITH closed AS (
       UPDATE budget_reservations SET status = ?, closed_at = ? WHERE id = ? AND status = 'reserved' RETURNING id),
     v(scope, scope_id, period, period_key, unit, reserved, spent) AS (
       VALUES ${keys.map(() => '(?, ?, ?, ?, ?, ?::numeric, ?::numeric)').join(', ')}),
     locked AS (
       SELECT c.scope, c.scope_id, c.period, c.period_key, c.unit FROM budget_counters c
       WHERE ${KEY} IN (SELECT scope, scope_id, period, period_key, unit FROM v) AND EXISTS (SELECT 1 FROM closed)
       ORDER BY ${COUNTER_ORDER} FOR UPDATE OF c),
     changed AS (
       UPDATE budget_counters AS c SET reserved = GREATEST(c.reserved + v.reserved, 0), spent = c.spent + v.spent, updated_at = ?
       FROM v, locked l
       WHERE ${KEY} = (v.scope, v.scope_id, v.period, v.period_key, v.unit) AND ${KEY} = (l.scope, l.scope_id, l.period, l.period_key, l.unit)
       RETURNING c.scope, c.scope_id, c.period, c.period_key, c.unit, c.cap, c.spent, c.reserved),
     charged AS (INSERT INTO spend (${columns.join(', ')}) SELECT ${columns.map(() => '?').join(', ')} FROM closed)
     SELECT (SELECT count(*) FROM closed)::int AS closed, (SELECT coalesce(json_agg(changed), '[]') FROM changed) AS counters`,
    [
      meta.outcome === 'expired' ? 'expired' : 'settled',
      now,
      reservation.id,
      ...changes,
      now,
      ...columns.map((column) => spend[column] ?? null),
    ] as never,
  );
  const answer = rows[0]!;
  if (Number(answer.closed) !== 1) return null;
  return settledSpend(reservation.id, reservation, charge, answer.counters.map(counterState).sort(compareCounterKeys));
}
