import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { BudgetExceeded, counterKeysFor, periodResetsAt, costEur, decideReservation, type ReservationAsk, type BudgetLimit, type CounterKey, type CounterState } from '../../policy/finops/index.ts';
import { AosError } from '../../observability/aos-error.ts';
import { adjustCounters, insertRow, lockCounters, readCounterStates } from './budget-counters.ts';

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
 * Outcomes charged at the whole reserved amount, because no trustworthy usage exists: the process
 * died mid-call (`expired`), the vendor reported counts that cannot be a bill (`usage_refused`),
 * or recording the usage failed (`settle_failed`). The vendor may have billed any of them, and the
 * reservation is the most the call could have cost, so the caps stay safe and nothing is refunded.
 */
const FULL_CHARGE: ReadonlySet<SettleOutcome> = new Set(['expired', 'usage_refused', 'settle_failed']);

// Float noise of the cost formula must not flag a call that used exactly its reservation.
const OVER_RESERVATION_EPSILON_EUR = 1e-9;

/** A reservation as stored. */
interface ReservationRow {
  id: string;
  run_id: string | null;
  correlation_id: string | null;
  provider: string;
  model: string;
  task: string;
  counters: string | CounterKey[];
  amount_eur: number | string;
  tokens: number | string;
  input_per_1k_eur: number | string;
  output_per_1k_eur: number | string;
  price_table_hash: string;
  max_tokens: number | string;
  status: string;
}

/** The transactional heart of the budget guardian: reserve → settle or release, on PostgreSQL. */
export function createBudgetStore(knex: Knex) {
  return {
    /** Reserves the worst-case cost under every limit, or throws {@link BudgetExceeded}. One transaction. */
    async reserve(request: ReserveRequest): Promise<Reservation> {
      const now = request.now ?? new Date();
      const keys = counterKeysFor(request.limits, now);
      return knex.transaction(async (trx) => {
        const counters = await lockCounters(trx, keys);
        const decision = decideReservation(counters, request);
        if (!decision.allow) {
          const { limiting } = decision;
          throw new BudgetExceeded({ ...limiting, needed: decision.needed, resetsAt: periodResetsAt(limiting.period, now) });
        }
        const id = randomUUID();
        const reservationRow = insertRow('budget_reservations', {
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
          expires_at: new Date(now.getTime() + (request.ttlMs ?? 15 * 60_000)),
        });
        await adjustCounters(trx, counters.map((counter) => ({ key: counter, reserved: counter.unit === 'eur' ? decision.amountEur : decision.tokens, spent: 0 })), now, reservationRow);
        return { id, maxTokens: decision.maxTokens, amountEur: decision.amountEur, tokens: decision.tokens };
      });
    },

    /**
     * Turns a reservation into spend at the vendor-reported usage and refunds the rest, in one
     * transaction; usage above the reservation is charged as reported (the counters may then pass
     * their cap, and the next reservation is refused). Outcomes in FULL_CHARGE are charged the
     * whole reservation whatever `usage` says. The usage must already be judged plausible (the
     * guardian does). Settling twice is refused, so a retry can never charge a call twice.
     */
    async settle(reservationId: string, usage: { inputTokens: number; outputTokens: number }, meta: SettleMeta = {}): Promise<SettledSpend> {
      const now = meta.now ?? new Date();
      return knex.transaction(async (trx) => {
        // Closing the reservation locks it and proves it was open, in one statement.
        const closed = await trx.raw<{ rows: ReservationRow[] }>(`UPDATE budget_reservations SET status = ?, closed_at = ? WHERE id = ? AND status = 'reserved' RETURNING *`, [meta.outcome === 'expired' ? 'expired' : 'settled', now, reservationId]);
        const reservation = closed.rows[0];
        if (!reservation) {
          const existing = (await trx('budget_reservations').where({ id: reservationId }).first('status')) as { status: string } | undefined;
          if (!existing) throw new AosError('reservation_unknown', `no budget reservation ${reservationId}`);
          throw new AosError('reservation_closed', `budget reservation ${reservationId} is already ${existing.status}`);
        }
        const price = { inputPer1k: Number(reservation.input_per_1k_eur), outputPer1k: Number(reservation.output_per_1k_eur) };
        const full = FULL_CHARGE.has(meta.outcome ?? 'ok');
        // A full charge records the reserved tokens (the estimated input and every allowed output
        // token), so the spend row's tokens and cost tell the same story.
        const charged = full ? { inputTokens: Number(reservation.tokens) - Number(reservation.max_tokens), outputTokens: Number(reservation.max_tokens) } : usage;
        const cost = full ? Number(reservation.amount_eur) : costEur(price, usage.inputTokens, usage.outputTokens);
        const tokens = charged.inputTokens + charged.outputTokens;
        const overReservation = !full && (cost > Number(reservation.amount_eur) + OVER_RESERVATION_EPSILON_EUR || tokens > Number(reservation.tokens));
        const keys = (typeof reservation.counters === 'string' ? JSON.parse(reservation.counters) : reservation.counters) as CounterKey[];
        const counters = await lockCounters(trx, keys);
        const changes = counters.map((counter) => ({
          key: counter,
          reserved: -(counter.unit === 'eur' ? Number(reservation.amount_eur) : Number(reservation.tokens)),
          spent: counter.unit === 'eur' ? cost : tokens,
        }));
        const spendRow = insertRow('spend', {
          reservation_id: reservationId,
          run_id: reservation.run_id,
          correlation_id: reservation.correlation_id,
          provider: reservation.provider,
          model: reservation.model,
          task: reservation.task,
          input_tokens: charged.inputTokens,
          output_tokens: charged.outputTokens,
          cost_eur: cost,
          reserved_eur: Number(reservation.amount_eur),
          price_table_hash: reservation.price_table_hash,
          latency_ms: meta.latencyMs ?? null,
          attempts: meta.attempts ?? null,
          failover_path: JSON.stringify(meta.failoverPath ?? []),
          outcome: meta.outcome ?? 'ok',
          installation_id: meta.installationId ?? null,
          repository: meta.repository ?? null,
          created_at: now,
        });
        await adjustCounters(trx, changes, now, spendRow);
        const after = counters.map((counter, index) => ({ ...counter, reserved: Math.max(counter.reserved + changes[index]!.reserved, 0), spent: counter.spent + changes[index]!.spent }));
        return {
          reservationId,
          costEur: cost,
          reservedEur: Number(reservation.amount_eur),
          refundedEur: Math.max(Number(reservation.amount_eur) - cost, 0),
          inputTokens: charged.inputTokens,
          outputTokens: charged.outputTokens,
          charged: full ? 'full_reservation' : 'usage',
          overReservation,
          counters: after.filter((counter) => counter.unit === 'eur'),
        };
      });
    },

    /** Gives a reservation back in full: the call was never billed (refused before sending, or failed with no usage). */
    async release(reservationId: string, now = new Date()): Promise<void> {
      await knex.transaction(async (trx) => {
        const reservation = await trx('budget_reservations').where({ id: reservationId }).forUpdate().first();
        if (!reservation || reservation.status !== 'reserved') return;
        const keys = (typeof reservation.counters === 'string' ? JSON.parse(reservation.counters) : reservation.counters) as CounterKey[];
        const counters = await lockCounters(trx, keys);
        await adjustCounters(trx, counters.map((counter) => ({ key: counter, reserved: -(counter.unit === 'eur' ? Number(reservation.amount_eur) : Number(reservation.tokens)), spent: 0 })), now);
        await trx('budget_reservations').where({ id: reservationId }).update({ status: 'released', closed_at: now });
      });
    },

    /**
     * Charges reservations left open past their expiry at their full worst-case amount: their
     * process died mid-call and the vendor may have billed it, so the cap stays safe.
     */
    async expireStale(now = new Date()): Promise<number> {
      const stale = (await knex('budget_reservations').where('status', 'reserved').andWhere('expires_at', '<', now).pluck('id')) as string[];
      let expired = 0;
      for (const id of stale) {
        try {
          await this.settle(id, { inputTokens: 0, outputTokens: 0 }, { outcome: 'expired', now });
          expired += 1;
        } catch (error) {
          if (!(error instanceof AosError && error.code === 'reservation_closed')) throw error;
        }
      }
      return expired;
    },

    /** The current state of counters, without locking. */
    readCounters: (keys: readonly CounterKey[]): Promise<CounterState[]> => readCounterStates(knex, keys),

    /**
     * Total EUR settled since `since`: everything (the burn-rate forecast), or one installation's
     * or one repository's calls only (`/aos budget`, which must not show anyone else's spend).
     */
    async spendSince(since: Date, of: { installationId?: string; repository?: string } = {}): Promise<number> {
      const query = knex('spend').where('created_at', '>=', since);
      if (of.installationId !== undefined) void query.andWhere('installation_id', of.installationId);
      if (of.repository !== undefined) void query.andWhere('repository', of.repository);
      const row = (await query.sum({ total: 'cost_eur' }).first()) as { total: number | string | null } | undefined;
      return Number(row?.total ?? 0);
    },
  };
}

/** The budget store's interface. */
export type BudgetStore = ReturnType<typeof createBudgetStore>;
