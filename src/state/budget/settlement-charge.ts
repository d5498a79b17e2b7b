import { costEur, type CounterState } from '../../policy/finops/index.ts';
import type { ReservationRow } from './reservation-row.ts';
import type { SettledSpend, SettleMeta, SettleOutcome } from './settle-reservation.ts';

// What a settlement charges, shared by the settlement of a reservation read from the database
// (settle-reservation.ts) and of one this process made and still knows (settle-known-reservation.ts).

/**
 * Outcomes charged at the whole reserved amount, because no trustworthy usage exists: the process
 * died mid-call (`expired`), the vendor reported counts that cannot be a bill (`usage_refused`),
 * or recording the usage failed (`settle_failed`). The vendor may have billed any of them, and the
 * reservation is the most the call could have cost, so the caps stay safe and nothing is refunded.
 */
export const FULL_CHARGE: ReadonlySet<SettleOutcome> = new Set(['expired', 'usage_refused', 'settle_failed']);

// Float noise of the cost formula must not flag a call that used exactly its reservation.
const OVER_RESERVATION_EPSILON_EUR = 1e-9;

/** What a settlement charges, in tokens and EUR. */
export interface Charge {
  full: boolean;
  inputTokens: number;
  outputTokens: number;
  costEur: number;
  overReservation: boolean;
}

/** What settling `reservation` with `usage` charges: the usage at the reservation's price, or all of it for FULL_CHARGE outcomes. */
export function chargeFor(
  reservation: ReservationRow,
  usage: { inputTokens: number; outputTokens: number },
  outcome: SettleOutcome,
): Charge {
  const reservedEur = Number(reservation.amount_eur);
  if (FULL_CHARGE.has(outcome)) {
    // A full charge records the reserved tokens (the estimated input and every allowed output
    // token), so the spend row's tokens and cost tell the same story.
    return {
      full: true,
      inputTokens: Number(reservation.tokens) - Number(reservation.max_tokens),
      outputTokens: Number(reservation.max_tokens),
      costEur: reservedEur,
      overReservation: false,
    };
  }
  const cost = costEur(
    { inputPer1k: Number(reservation.input_per_1k_eur), outputPer1k: Number(reservation.output_per_1k_eur) },
    usage.inputTokens,
    usage.outputTokens,
  );
  const overReservation =
    cost > reservedEur + OVER_RESERVATION_EPSILON_EUR || usage.inputTokens + usage.outputTokens > Number(reservation.tokens);
  return { full: false, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costEur: cost, overReservation };
}

/** The `spend` row of a settlement. */
export function spendRow(
  reservationId: string,
  reservation: ReservationRow,
  charge: Charge,
  meta: SettleMeta,
  now: Date,
): Record<string, unknown> {
  return {
    reservation_id: reservationId,
    run_id: reservation.run_id,
    correlation_id: reservation.correlation_id,
    provider: reservation.provider,
    model: reservation.model,
    task: reservation.task,
    input_tokens: charge.inputTokens,
    output_tokens: charge.outputTokens,
    cost_eur: charge.costEur,
    reserved_eur: Number(reservation.amount_eur),
    price_table_hash: reservation.price_table_hash,
    latency_ms: meta.latencyMs ?? null,
    attempts: meta.attempts ?? null,
    failover_path: JSON.stringify(meta.failoverPath ?? []),
    outcome: meta.outcome ?? 'ok',
    installation_id: meta.installationId ?? null,
    repository: meta.repository ?? null,
    created_at: now,
  };
}

/** The settlement as returned to the guardian, with the EUR counters after it (for alert checks). */
export function settledSpend(
  reservationId: string,
  reservation: ReservationRow,
  charge: Charge,
  after: readonly CounterState[],
): SettledSpend {
  return {
    reservationId,
    costEur: charge.costEur,
    reservedEur: Number(reservation.amount_eur),
    refundedEur: Math.max(Number(reservation.amount_eur) - charge.costEur, 0),
    inputTokens: charge.inputTokens,
    outputTokens: charge.outputTokens,
    charged: charge.full ? 'full_reservation' : 'usage',
    overReservation: charge.overReservation,
    counters: after.filter((counter) => counter.unit === 'eur'),
  };
}
