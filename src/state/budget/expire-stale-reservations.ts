import type { Knex } from 'knex';
import { AosError } from '../../observability/aos-error.ts';
import { settleReservation } from './settle-reservation.ts';

/**
 * Charges reservations left open past their expiry at their full worst-case amount, each in its
 * own settlement transaction: their process died mid-call and the vendor may have billed it, so
 * the cap stays safe. One closed meanwhile (settled by its own process) is skipped. Returns how
 * many were charged.
 */
export async function expireStaleReservations(knex: Knex, now: Date): Promise<number> {
  const stale = (await knex('budget_reservations').where('status', 'reserved').andWhere('expires_at', '<', now).pluck('id')) as string[];
  let expired = 0;
  for (const id of stale) {
    try {
      await settleReservation(knex, id, { inputTokens: 0, outputTokens: 0 }, { outcome: 'expired', now });
      expired += 1;
    } catch (error) {
      if (!(error instanceof AosError && error.code === 'reservation_closed')) throw error;
    }
  }
  return expired;
}
