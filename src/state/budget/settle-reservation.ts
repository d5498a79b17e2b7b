import type { Knex } from 'knex';
import { compareCounterKeys, type CounterState } from '../../policy/finops/index.ts';
import { AosError } from '../../observability/aos-error.ts';
import { adjustCounters, COUNTER_ORDER, counterState, insertRow, type CounterRow } from './budget-counters.ts';
import { heldOn, type ReservationRow } from './reservation-row.ts';
import { chargeFor, settledSpend, spendRow } from './settlement-charge.ts';

/** What a settled call cost, as recorded in the `spend` table. */
export interface SettledSpend {
  reservationId: string;
  costEur: number;
  reservedEur: number;
  refundedEur: number;
  inputTokens: number;
  outputTokens: number;
  /** `usage`: at the reported usage; `full_reservation`: at the whole reserved amount (see FULL_CHARGE). */
  charged: 'usage' | 'full_reservation';
  /** The reported usage cost more money or tokens than were reserved (it was charged all the same). */
  overReservation: boolean;
  /** The EUR counters after settlement, for alert checks. */
  counters: CounterState[];
}

/** Facts about the call recorded beside its cost. */
export interface SettleMeta {
  latencyMs?: number;
  attempts?: number;
  failoverPath?: unknown;
  installationId?: string | undefined;
  repository?: string | undefined;
  outcome?: SettleOutcome;
  now?: Date;
}

/**
 * How a call ended, as the `spend` row records it: `ok` and `error` (billed, e.g. a refusal) are
 * charged at their usage; the others at the full reservation (see FULL_CHARGE).
 */
export type SettleOutcome = 'ok' | 'error' | 'expired' | 'usage_refused' | 'settle_failed';

/**
 * Turns a reservation into spend at the vendor-reported usage and refunds the rest, in one
 * transaction; usage above the reservation is charged as reported (the counters may then pass
 * their cap, and the next reservation is refused). Outcomes in FULL_CHARGE are charged the
 * whole reservation whatever `usage` says. The usage must already be judged plausible (the
 * guardian does). Settling twice is refused, so a retry can never charge a call twice.
 */
export async function settleReservation(
  knex: Knex,
  reservationId: string,
  usage: { inputTokens: number; outputTokens: number },
  meta: SettleMeta = {},
): Promise<SettledSpend> {
  const now = meta.now ?? new Date();
  return knex.transaction(async (trx) => {
    const { reservation, counters } = await closeAndLockCounters(
      trx,
      reservationId,
      meta.outcome === 'expired' ? 'expired' : 'settled',
      now,
    );
    const charge = chargeFor(reservation, usage, meta.outcome ?? 'ok');
    const changes = counters.map((counter) => ({
      key: counter,
      reserved: -heldOn(counter, reservation),
      spent: counter.unit === 'eur' ? charge.costEur : charge.inputTokens + charge.outputTokens,
    }));
    await adjustCounters(trx, changes, now, insertRow('spend', spendRow(reservationId, reservation, charge, meta, now)));
    const after = counters.map((counter, index) => ({
      ...counter,
      reserved: Math.max(counter.reserved + changes[index]!.reserved, 0),
      spent: counter.spent + changes[index]!.spent,
    }));
    return settledSpend(reservationId, reservation, charge, after);
  });
}

/**
 * Closes an open reservation and locks the counters it holds on, in one statement: the reservation
 * row first, then its counters in the order of `lockCounters` (LockRows sits above the sort), the
 * same order reserve and release take. Throws when the reservation is unknown or already closed.
 */
async function closeAndLockCounters(
  trx: Knex.Transaction,
  reservationId: string,
  status: 'settled' | 'expired',
  now: Date,
): Promise<{ reservation: ReservationRow; counters: CounterState[] }> {
  const { rows } = await trx.raw<{ rows: Array<{ reservation: ReservationRow | null; counters: CounterRow[] }> }>(
    `WITH closed AS (
       UPDATE budget_reservations SET status = ?, closed_at = ? WHERE id = ? AND status = 'reserved' RETURNING *),
     held AS (
       SELECT k.scope, k."scopeId" AS scope_id, k.period, k."periodKey" AS period_key, k.unit
       FROM closed, jsonb_to_recordset(closed.counters) AS k(scope text, "scopeId" text, period text, "periodKey" text, unit text)),
     locked AS (
       SELECT c.scope, c.scope_id, c.period, c.period_key, c.unit, c.cap, c.spent, c.reserved FROM budget_counters c
       WHERE (c.scope, c.scope_id, c.period, c.period_key, c.unit) IN (SELECT scope, scope_id, period, period_key, unit FROM held)
       ORDER BY ${COUNTER_ORDER} FOR UPDATE OF c)
     SELECT (SELECT row_to_json(closed) FROM closed) AS reservation, (SELECT coalesce(json_agg(locked), '[]') FROM locked) AS counters`,
    [status, now, reservationId],
  );
  const reservation = rows[0]?.reservation;
  if (reservation) return { reservation, counters: rows[0]!.counters.map(counterState).sort(compareCounterKeys) };
  const existing = (await trx('budget_reservations').where({ id: reservationId }).first('status')) as { status: string } | undefined;
  if (!existing) throw new AosError('reservation_unknown', `no budget reservation ${reservationId}`);
  throw new AosError('reservation_closed', `budget reservation ${reservationId} is already ${existing.status}`);
}
