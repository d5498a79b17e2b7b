import type { Knex } from 'knex';
import type { CounterKey, CounterState } from '../../policy/finops/index.ts';
import { readCounterStates } from './budget-counters.ts';
import { expireStaleReservations } from './expire-stale-reservations.ts';
import { releaseReservation } from './release-reservation.ts';
import type { ReservationRow } from './reservation-row.ts';
import { settleKnownReservation } from './settle-known-reservation.ts';
import { reserveBudget, type Reservation, type ReserveRequest } from './reserve-budget.ts';
import { settleReservation, type SettledSpend, type SettleMeta } from './settle-reservation.ts';
import { sumSpendSince } from './sum-spend-since.ts';

export type { Reservation, ReserveRequest } from './reserve-budget.ts';
export type { SettledSpend, SettleMeta, SettleOutcome } from './settle-reservation.ts';

const OPEN_RESERVATIONS_KEPT = 10_000;

/**
 * The transactional heart of the budget guardian: reserve → settle or release, on PostgreSQL.
 * Each step is one transaction (see its function): reserveBudget, settleReservation,
 * releaseReservation; expiry settles each stale reservation in a transaction of its own.
 */
export function createBudgetStore(knex: Knex) {
  // The rows of reservations this process made and has not closed yet, so settling one needs no
  // read first (see settleKnownReservation). Bounded: an entry is only a shortcut, never the truth.
  const open = new Map<string, ReservationRow>();
  const remember = (row: ReservationRow) => {
    open.set(row.id, row);
    if (open.size > OPEN_RESERVATIONS_KEPT) open.delete(open.keys().next().value!);
  };
  return {
    /** Reserves the worst-case cost under every limit, or throws BudgetExceeded. One transaction. */
    reserve: (request: ReserveRequest): Promise<Reservation> => reserveBudget(knex, request, remember),

    /**
     * Turns a reservation into spend at the vendor-reported usage and refunds the rest, in one
     * transaction: one statement for a reservation this process made (settleKnownReservation),
     * else settleReservation. Settling twice is refused, so a retry can never charge a call twice.
     */
    async settle(
      reservationId: string,
      usage: { inputTokens: number; outputTokens: number },
      meta: SettleMeta = {},
    ): Promise<SettledSpend> {
      const known = open.get(reservationId);
      const settled = known ? await settleKnownReservation(knex, known, usage, meta) : null;
      open.delete(reservationId);
      // Not settled by the shortcut means no longer open: settleReservation says why, and throws.
      return settled ?? settleReservation(knex, reservationId, usage, meta);
    },

    /** Gives a reservation back in full: the call was never billed (refused before sending, or failed with no usage). */
    release: (reservationId: string, now = new Date()): Promise<void> => {
      open.delete(reservationId);
      return releaseReservation(knex, reservationId, now);
    },

    /**
     * Charges reservations left open past their expiry at their full worst-case amount: their
     * process died mid-call and the vendor may have billed it, so the cap stays safe.
     */
    expireStale: (now = new Date()): Promise<number> => expireStaleReservations(knex, now),

    /** The current state of counters, without locking. */
    readCounters: (keys: readonly CounterKey[]): Promise<CounterState[]> => readCounterStates(knex, keys),

    /**
     * Total EUR settled since `since`: everything (the burn-rate forecast), or one installation's
     * or one repository's calls only (`/aos budget`, which must not show anyone else's spend).
     */
    spendSince: (since: Date, of: { installationId?: string; repository?: string } = {}): Promise<number> => sumSpendSince(knex, since, of),
  };
}

/** The budget store's interface. */
export type BudgetStore = ReturnType<typeof createBudgetStore>;
