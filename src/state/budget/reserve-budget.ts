import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  BudgetExceeded,
  counterKeysFor,
  periodResetsAt,
  decideReservation,
  type ReservationAsk,
  type ReservationDecision,
  type BudgetLimit,
  type CounterState,
} from '../../policy/finops/index.ts';
import { adjustCounters, insertRow, lockCounters } from './budget-counters.ts';
import type { ReservationRow } from './reservation-row.ts';

/** A reservation request: the limits to fit under and what the call asks for. */
export interface ReserveRequest extends ReservationAsk {
  limits: BudgetLimit[];
  runId?: string | undefined;
  correlationId?: string | undefined;
  provider: string;
  model: string;
  task: string;
  priceTableHash: string;
  /** After this long unsettled, a reservation is charged in full (its process is presumed dead). */
  ttlMs?: number;
  now?: Date;
}

/** A granted reservation. */
export interface Reservation {
  id: string;
  maxTokens: number;
  amountEur: number;
  tokens: number;
}

const DEFAULT_TTL_MS = 15 * 60_000;

/**
 * Reserves the worst-case cost under every limit, or throws {@link BudgetExceeded}. One
 * transaction: the counters are locked, the reservation decided on them, and the reservation row
 * and the counters written in one statement. `remember` is given the row once it is committed.
 */
export async function reserveBudget(knex: Knex, request: ReserveRequest, remember?: (row: ReservationRow) => void): Promise<Reservation> {
  const now = request.now ?? new Date();
  const keys = counterKeysFor(request.limits, now);
  const granted = await knex.transaction(async (trx) => {
    const counters = await lockCounters(trx, keys);
    const decision = decideReservation(counters, request);
    if (!decision.allow) {
      const { limiting } = decision;
      throw new BudgetExceeded({ ...limiting, needed: decision.needed, resetsAt: periodResetsAt(limiting.period, now) });
    }
    const id = randomUUID();
    const stored = reservationRow(id, request, counters, decision, now);
    const row = insertRow('budget_reservations', stored);
    await adjustCounters(
      trx,
      counters.map((counter) => ({ key: counter, reserved: counter.unit === 'eur' ? decision.amountEur : decision.tokens, spent: 0 })),
      now,
      row,
    );
    return { stored, reservation: { id, maxTokens: decision.maxTokens, amountEur: decision.amountEur, tokens: decision.tokens } };
  });
  // Only once committed: a reservation rolled back was never made.
  remember?.(granted.stored as unknown as ReservationRow);
  return granted.reservation;
}

/** The `budget_reservations` row of a granted reservation: its counters, amounts, price and expiry. */
function reservationRow(
  id: string,
  request: ReserveRequest,
  counters: readonly CounterState[],
  decision: Extract<ReservationDecision, { allow: true }>,
  now: Date,
): Record<string, unknown> {
  return {
    id,
    run_id: request.runId ?? null,
    correlation_id: request.correlationId ?? null,
    provider: request.provider,
    model: request.model,
    task: request.task,
    counters: JSON.stringify(counters.map(({ scope, scopeId, period, periodKey, unit }) => ({ scope, scopeId, period, periodKey, unit }))),
    amount_eur: decision.amountEur,
    tokens: decision.tokens,
    max_tokens: decision.maxTokens,
    input_per_1k_eur: request.price.inputPer1k,
    output_per_1k_eur: request.price.outputPer1k,
    price_table_hash: request.priceTableHash,
    status: 'reserved',
    created_at: now,
    expires_at: new Date(now.getTime() + (request.ttlMs ?? DEFAULT_TTL_MS)),
  };
}
