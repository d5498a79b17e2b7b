import type { Knex } from 'knex';
import type { FinopsConfig } from '../../config/index.ts';
import { AosError, isAosError } from '../../observability/aos-error.ts';
import type { Logger } from '../../observability/logger.ts';
import type { Metrics } from '../../observability/metrics.ts';
import {
  counterKeysFor,
  periodResetsAt,
  judgeReportedUsage,
  type BudgetLimit,
  type BudgetStanding,
  type CounterState,
} from '../../policy/finops/index.ts';
import { recordAlertOnce, type AlertSink, type BudgetAlert } from './budget-alerts.ts';
import { forecastMonthSpend, type MonthEndForecast } from './forecast-month-spend.ts';
import { createBudgetStore, type Reservation, type ReserveRequest, type SettledSpend, type SettleMeta } from './budget-store.ts';
import { readScopeSpend, type ScopeSpend, type ScopeSpendContext } from './read-scope-spend.ts';
import { priceTableHash } from './price-table-hash.ts';

/** Optional caps beyond the global ones, per installation, repository and run. */
export interface BudgetContext {
  provider: string;
  runId?: string | undefined;
  /** The run's cap; defaults to `run_default_cap_eur`. */
  runCapEur?: number | undefined;
  installation?: { id: string; dailyCapEur?: number | undefined; monthlyCapEur?: number | undefined } | undefined;
  repository?: { id: string; dailyCapEur?: number | undefined; monthlyCapEur?: number | undefined } | undefined;
}

/** What a budget read is about: the same scopes, with the provider (its token ceiling) optional. */
export type BudgetReadContext = Omit<BudgetContext, 'provider'> & { provider?: string | undefined };

/** One cap and where it stands, for `/aos budget`, the CLI and the run pages. */
export interface RemainingBudget extends BudgetStanding {
  remaining: number;
}

/** What the guardian's settle knows beyond the store's: the model's window, to judge the usage by. */
export interface GuardedSettleMeta extends SettleMeta {
  /** The model's context window; reported usage above it is refused. Omit for estimated usage. */
  contextWindow?: number | undefined;
  /** The caller's logger (a run's node): this settlement's anomaly and alert lines carry its correlation fields. */
  logger?: Logger | undefined;
}

/** A settlement as the guardian returns it: with the reason when the reported usage was refused. */
export type GuardedSpend = SettledSpend & { refusedUsage?: string };

const NO_USAGE = { inputTokens: 0, outputTokens: 0 };
// Expiry is a safety net for reservations whose process died or could not write its settlement:
// sweeping once a minute per process is plenty, and costs one indexed query.
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The budget guardian: turns configuration and context into limits, reserves and settles through
 * the store, and raises threshold and forecast alerts once per scope and period. Reported usage is
 * judged before it is charged: counts that cannot be a bill are charged the full reservation, and
 * a settlement the database refuses is charged the full reservation too, never released.
 */
export function createBudgetGuardian(options: {
  knex: Knex;
  finops: FinopsConfig;
  alerts: AlertSink;
  logger: Logger;
  now?: () => Date;
  metrics?: Pick<Metrics, 'budgetSettleAnomalies'>;
}) {
  const { knex, finops, alerts, logger } = options;
  const clock = options.now ?? (() => new Date());
  const store = createBudgetStore(knex);
  const phase = finops.phases[finops.active_phase]!;
  // Counters written before phases were numbered are keyed phase_<n>: keep that key, so an upgrade
  // does not start the day's and month's global spend again from zero.
  const phaseScope = `phase_${finops.active_phase}`;
  const prices = priceTableHash(finops);
  let lastForecastAt = Number.NEGATIVE_INFINITY;
  let lastSweepAt = Number.NEGATIVE_INFINITY;
  const count = (kind: 'usage_refused' | 'usage_over_reservation' | 'settle_failed') =>
    options.metrics?.budgetSettleAnomalies.inc({ kind });

  /** Charges reservations left open past their expiry (see BudgetStore.expireStale), at most once a minute. */
  const sweepExpired = async (now: Date) => {
    if (now.getTime() - lastSweepAt < SWEEP_INTERVAL_MS) return;
    lastSweepAt = now.getTime();
    const expired = await store.expireStale(now).catch((error: unknown) => {
      logger.error({ err: String(error) }, 'charging expired budget reservations failed');
      return 0;
    });
    if (expired > 0) logger.warn({ expired }, `charged ${expired} abandoned budget reservation(s) in full`);
  };

  /**
   * Settles, and when the database refuses the settlement, charges the full reservation instead
   * (the vendor answered, so the call was billed: releasing it would make it free). When even that
   * cannot be written, the reservation stays held against every cap and expiry charges it in full.
   */
  const settleOrChargeInFull = async (
    reservationId: string,
    usage: typeof NO_USAGE,
    meta: SettleMeta & { now: Date },
    log: Logger,
  ): Promise<SettledSpend> => {
    try {
      return await store.settle(reservationId, usage, meta);
    } catch (error) {
      if (isAosError(error, 'reservation_closed') || isAosError(error, 'reservation_unknown')) throw error;
      count('settle_failed');
      log.error(
        { err: String(error), reservation_id: reservationId },
        'settling a model call failed; charging its full reservation instead',
      );
      try {
        return await store.settle(reservationId, NO_USAGE, { ...meta, outcome: 'settle_failed' });
      } catch (second) {
        log.error(
          { err: String(second), reservation_id: reservationId },
          'charging the full reservation failed too; the reservation stays held until it expires',
        );
        throw new AosError(
          'budget_settle_failed',
          `The cost of a model call could not be recorded (${error instanceof Error ? error.message : String(error)}); its reservation ${reservationId} stays held against every cap and is charged in full when it expires.`,
          { cause: error },
        );
      }
    }
  };

  /** Settles as the store does, counts the anomalies, then checks alerts. */
  const settleGuarded = async (
    reservationId: string,
    usage: typeof NO_USAGE,
    meta: SettleMeta,
    log: Logger,
    refusedUsage?: string,
  ): Promise<GuardedSpend> => {
    const now = meta.now ?? clock();
    const settled = await settleOrChargeInFull(
      reservationId,
      usage,
      { ...meta, ...(refusedUsage === undefined ? {} : { outcome: 'usage_refused' as const }), now },
      log,
    );
    if (refusedUsage !== undefined) {
      count('usage_refused');
      log.warn({ reservation_id: reservationId, reason: refusedUsage }, 'reported usage refused; the call is charged its full reservation');
    }
    if (settled.overReservation) {
      count('usage_over_reservation');
      log.warn(
        { reservation_id: reservationId, cost_eur: settled.costEur, reserved_eur: settled.reservedEur },
        'reported usage is above the reservation; charged as reported',
      );
    }
    await checkAlerts(settled.counters, now, log).catch((error: unknown) => log.error({ err: String(error) }, 'budget alert check failed'));
    return refusedUsage === undefined ? settled : { ...settled, refusedUsage };
  };

  const limitsFor = (context: BudgetReadContext): BudgetLimit[] => {
    const limits: BudgetLimit[] = [
      { scope: 'global', scopeId: phaseScope, period: 'day', unit: 'eur', cap: phase.daily_eur_cap },
      { scope: 'global', scopeId: phaseScope, period: 'month', unit: 'eur', cap: phase.monthly_eur_cap },
    ];
    const ceiling =
      context.provider === undefined
        ? undefined
        : finops.providers[context.provider as keyof FinopsConfig['providers']]?.max_tokens_per_day;
    if (ceiling !== undefined && context.provider !== undefined)
      limits.push({ scope: 'provider', scopeId: context.provider, period: 'day', unit: 'tokens', cap: ceiling });
    for (const scope of ['installation', 'repository'] as const) {
      const caps = context[scope];
      if (!caps) continue;
      if (caps.dailyCapEur !== undefined) limits.push({ scope, scopeId: caps.id, period: 'day', unit: 'eur', cap: caps.dailyCapEur });
      if (caps.monthlyCapEur !== undefined) limits.push({ scope, scopeId: caps.id, period: 'month', unit: 'eur', cap: caps.monthlyCapEur });
    }
    if (context.runId)
      limits.push({
        scope: 'run',
        scopeId: context.runId,
        period: 'run',
        unit: 'eur',
        cap: context.runCapEur ?? finops.run_default_cap_eur,
      });
    return limits;
  };

  const publishOnce = async (alert: BudgetAlert, now: Date, log: Logger) => {
    if (!(await recordAlertOnce(knex, alert, now))) return;
    log.warn({ alert: { kind: alert.kind, scope: alert.scope, scope_id: alert.scopeId, period: alert.periodKey } }, alert.message);
    await alerts.publish(alert).catch((error: unknown) => log.error({ err: String(error) }, 'budget alert stored but not delivered'));
  };

  const checkAlerts = async (counters: CounterState[], now: Date, log: Logger) => {
    for (const counter of counters) {
      if (counter.cap <= 0 || (counter.spent / counter.cap) * 100 < finops.alerts.threshold_percent) continue;
      const percent = Math.round((counter.spent / counter.cap) * 100);
      await publishOnce(
        {
          kind: 'threshold',
          ...counter,
          message: `aos has spent ${percent}% of the ${counter.scope} ${counter.period === 'run' ? 'run' : counter.period === 'day' ? 'daily' : 'monthly'} cap (€${counter.spent.toFixed(2)} of €${counter.cap.toFixed(2)}, ${counter.scopeId}, ${counter.periodKey})`,
          payload: { spent: counter.spent, cap: counter.cap, threshold_percent: finops.alerts.threshold_percent },
        },
        now,
        log,
      );
    }
    const month = counters.find((counter) => counter.scope === 'global' && counter.period === 'month');
    if (!finops.alerts.burn_rate_forecast || !month) return;
    // The forecast reads the last day's spend: at most once a minute per process is plenty for a
    // projection over weeks (deduplication itself is in the database, not here).
    if (now.getTime() - lastForecastAt < 60_000) return;
    lastForecastAt = now.getTime();
    const forecast = await forecastMonthSpend(store, month, now);
    if (!forecast.alert) return;
    await publishOnce(
      {
        kind: 'forecast',
        ...month,
        message: `At the current rate (€${forecast.ratePerHour.toFixed(2)}/h) aos will reach the monthly cap of €${month.cap.toFixed(2)} on ${forecast.capReachedAt?.toISOString().slice(0, 16).replace('T', ' ')} UTC; projected month-end spend €${forecast.projectedMonthEnd.toFixed(2)}`,
        payload: { ...forecast, capReachedAt: forecast.capReachedAt?.toISOString() ?? null, spent: month.spent, cap: month.cap },
      },
      now,
      log,
    );
  };

  const remainingBudget = async (context: BudgetReadContext = {}): Promise<RemainingBudget[]> => {
    const now = clock();
    const keys = counterKeysFor(limitsFor(context), now);
    const states = await store.readCounters(keys);
    return keys.map((key) => {
      const state = states.find(
        (candidate) =>
          candidate.scope === key.scope &&
          candidate.scopeId === key.scopeId &&
          candidate.period === key.period &&
          candidate.periodKey === key.periodKey &&
          candidate.unit === key.unit,
      );
      const spent = state?.spent ?? 0;
      const reserved = state?.reserved ?? 0;
      return {
        scope: key.scope,
        scopeId: key.scopeId,
        period: key.period,
        unit: key.unit,
        cap: key.cap,
        spent,
        reserved,
        remaining: Math.max(key.cap - spent - reserved, 0),
        resetsAt: periodResetsAt(key.period, now),
      };
    });
  };

  return {
    limitsFor,
    priceTableHash: prices,
    /**
     * Reserves the worst case of one call under every cap that applies; throws BudgetExceeded.
     * Abandoned reservations are charged first, so what they held counts as spent.
     */
    async reserve(context: BudgetContext, request: Omit<ReserveRequest, 'limits' | 'priceTableHash' | 'provider'>): Promise<Reservation> {
      const now = request.now ?? clock();
      await sweepExpired(now);
      return store.reserve({
        ...request,
        runId: request.runId ?? context.runId,
        provider: context.provider,
        limits: limitsFor(context),
        priceTableHash: prices,
        now,
      });
    },
    /**
     * Settles at the vendor's usage and refunds the rest, then checks alerts. Usage that cannot be
     * a bill (see judgeReportedUsage) is charged the full reservation and returned with
     * `refusedUsage`; usage above the reservation is charged as reported and flagged.
     */
    async settle(
      reservationId: string,
      usage: { inputTokens: number; outputTokens: number },
      meta: GuardedSettleMeta = {},
    ): Promise<GuardedSpend> {
      const { contextWindow, logger: callLogger, ...storeMeta } = meta;
      const log = callLogger ?? logger;
      const judged =
        meta.outcome === 'expired'
          ? { ok: true as const }
          : judgeReportedUsage({ inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }, contextWindow);
      return judged.ok
        ? settleGuarded(reservationId, usage, storeMeta, log)
        : settleGuarded(reservationId, NO_USAGE, storeMeta, log, judged.reason);
    },
    /** Charges the full reservation of a call whose vendor reported usage that cannot be a bill. */
    refuseUsage: (reservationId: string, reason: string, meta: Omit<GuardedSettleMeta, 'contextWindow'> = {}): Promise<GuardedSpend> => {
      const { logger: callLogger, ...storeMeta } = meta;
      return settleGuarded(reservationId, NO_USAGE, storeMeta, callLogger ?? logger, reason);
    },
    /** Gives a reservation back in full: only for a call the vendor never billed. */
    release: (reservationId: string) => store.release(reservationId, clock()),
    expireStale: () => store.expireStale(clock()),
    /** Where each cap of `context` stands now (global caps always; others when given). */
    getRemainingBudget: remainingBudget,
    /** Where the global monthly cap's spend lands at month end at the current burn rate; reads, never alerts. */
    async getMonthEndForecast(): Promise<MonthEndForecast> {
      const month = (await remainingBudget()).find((cap) => cap.scope === 'global' && cap.period === 'month')!;
      const { ratePerHour, projectedMonthEnd } = await forecastMonthSpend(store, month, clock());
      return { scope: 'global', period: 'month', cap: month.cap, spent: month.spent, ratePerHour, projectedMonthEnd };
    },
    /** One installation's and one repository's spend today and this month, and nobody else's. */
    async getScopeSpend(context: ScopeSpendContext): Promise<ScopeSpend[]> {
      const now = clock();
      return readScopeSpend(
        context,
        now,
        await remainingBudget({ installation: context.installation, repository: context.repository }),
        store,
      );
    },
  };
}

/** The budget guardian's interface. */
export type BudgetGuardian = ReturnType<typeof createBudgetGuardian>;
