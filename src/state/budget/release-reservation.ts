import type { Knex } from 'knex';
import { adjustCounters, lockCounters } from './budget-counters.ts';
import { heldOn, reservationCounters, type ReservationRow } from './reservation-row.ts';

/**
 * Gives a reservation back in full, in one transaction: the call was never billed (refused before
 * sending, or failed with no usage). A reservation that is unknown or already closed is left alone.
 */
export async function releaseReservation(knex: Knex, reservationId: string, now: Date): Promise<void> {
  await knex.transaction(async (trx) => {
    const reservation = (await trx('budget_reservations').where({ id: reservationId }).forUpdate().first()) as ReservationRow | undefined;
    if (!reservation || reservation.status !== 'reserved') return;
    const counters = await lockCounters(trx, reservationCounters(reservation));
    await adjustCounters(
      trx,
      counters.map((counter) => ({ key: counter, reserved: -heldOn(counter, reservation), spent: 0 })),
      now,
    );
    await trx('budget_reservations').where({ id: reservationId }).update({ status: 'released', closed_at: now });
  });
}
