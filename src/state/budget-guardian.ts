import type { Knex } from 'knex';
import type { FinopsConfig } from '../config/index.ts';
import type { Logger } from '../observability/logger.ts';
import { forecastMonthEnd } from '../policy/finops-forecast.ts';
import { counterKeysFor, periodResetsAt, periodStartsAt } from '../policy/finops-periods.ts';
import type { BudgetLimit, BudgetPeriod, BudgetScope, BudgetUnit, CounterState } from '../policy/finops-types.ts';
import { recordAlertOnce, type AlertSink, type BudgetAlert } from './budget-alerts.ts';
import { createBudgetStore, type Reservation, type ReserveRequest, type SettledSpend, type SettleMeta } from './budget-store.ts';
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
export interface RemainingBudget {
  scope: BudgetScope;
  scopeId: string;
  period: BudgetPeriod;
  unit: BudgetUnit;
  cap: number;
  spent: number;
  reserved: number;
  remaining: number;
  resetsAt: Date | null;
}

/**
 * The budget guardian: turns configuration and context into limits, reserves and settles through
 * the store, and raises threshold and forecast alerts once per scope and period.
 */
export function createBudgetGuardian(options: { knex: Knex; finops: FinopsConfig; alerts: AlertSink; logger: Logger; now?: () => Date }) {
  const { knex, finops, alerts, logger } = options;
  const clock = options.now ?? (() => new Date());
  const store = createBudgetStore(knex);
  const phase = finops.phases[finops.active_phase]!;
  // Counters written before phases were numbered are keyed phase_<n>: keep that key, so an upgrade
  // does not start the day's and month's global spend again from zero.
  const phaseScope = `phase_${finops.active_phase}`;
  const prices = priceTableHash(finops);
  let lastForecastAt = Number.NEGATIVE_INFINITY;

  const limitsFor = (context: BudgetReadContext): BudgetLimit[] => {
    const limits: BudgetLimit[] = [
      { scope: 'global', scopeId: phaseScope, period: 'day', unit: 'eur', cap: phase.daily_eur_cap },
      { scope: 'global', scopeId: phaseScope, period: 'month', unit: 'eur', cap: phase.monthly_eur_cap },
    ];
    const ceiling = context.provider === undefined ? undefined : finops.providers[context.provider as keyof FinopsConfig['providers']]?.max_tokens_per_day;
    if (ceiling !== undefined && context.provider !== undefined) limits.push({ scope: 'provider', scopeId: context.provider, period: 'day', unit: 'tokens', cap: ceiling });
    for (const scope of ['installation', 'repository'] as const) {
      const caps = context[scope];
      if (!caps) continue;
      if (caps.dailyCapEur !== undefined) limits.push({ scope, scopeId: caps.id, period: 'day', unit: 'eur', cap: caps.dailyCapEur });
      if (caps.monthlyCapEur !== undefined) limits.push({ scope, scopeId: caps.id, period: 'month', unit: 'eur', cap: caps.monthlyCapEur });
    }
    if (context.runId) limits.push({ scope: 'run', scopeId: context.runId, period: 'run', unit: 'eur', cap: context.runCapEur ?? finops.run_default_cap_eur });
    return limits;
  };

  const publishOnce = async (alert: BudgetAlert, now: Date) => {
    if (!(await recordAlertOnce(knex, alert, now))) return;
    logger.warn({ alert: { kind: alert.kind, scope: alert.scope, scope_id: alert.scopeId, period: alert.periodKey } }, alert.message);
    await alerts.publish(alert).catch((error: unknown) => logger.error({ err: String(error) }, 'budget alert stored but not delivered'));
  };

  const checkAlerts = async (counters: CounterState[], now: Date) => {
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
      );
    }
    const month = counters.find((counter) => counter.scope === 'global' && counter.period === 'month');
    if (!finops.alerts.burn_rate_forecast || !month) return;
    // The forecast reads the last day's spend: at most once a minute per process is plenty for a
    // projection over weeks (deduplication itself is in the database, not here).
    if (now.getTime() - lastForecastAt < 60_000) return;
    lastForecastAt = now.getTime();
    const forecast = forecastMonthEnd({
      cap: month.cap,
      spentThisMonth: month.spent,
      spentLast24h: await store.spendSince(new Date(now.getTime() - 24 * 3_600_000)),
      now,
      monthStart: periodStartsAt('month', now)!,
      monthEnd: periodResetsAt('month', now)!,
    });
    if (!forecast.alert) return;
    await publishOnce(
      {
        kind: 'forecast',
        ...month,
        message: `At the current rate (€${forecast.ratePerHour.toFixed(2)}/h) aos will reach the monthly cap of €${month.cap.toFixed(2)} on ${forecast.capReachedAt?.toISOString().slice(0, 16).replace('T', ' ')} UTC; projected month-end spend €${forecast.projectedMonthEnd.toFixed(2)}`,
        payload: { ...forecast, capReachedAt: forecast.capReachedAt?.toISOString() ?? null, spent: month.spent, cap: month.cap },
      },
      now,
    );
  };

  return {
    limitsFor,
    priceTableHash: prices,
    /** Reserves the worst case of one call under every cap that applies; throws BudgetExceeded. */
    reserve: (context: BudgetContext, request: Omit<ReserveRequest, 'limits' | 'priceTableHash' | 'provider'>): Promise<Reservation> =>
      store.reserve({ ...request, runId: request.runId ?? context.runId, provider: context.provider, limits: limitsFor(context), priceTableHash: prices, now: request.now ?? clock() }),
    /** Settles at the vendor's usage, refunds the rest, then checks alerts. */
    async settle(reservationId: string, usage: { inputTokens: number; outputTokens: number }, meta: SettleMeta = {}): Promise<SettledSpend> {
      const now = meta.now ?? clock();
      const settled = await store.settle(reservationId, usage, { ...meta, now });
      await checkAlerts(settled.counters, now).catch((error: unknown) => logger.error({ err: String(error) }, 'budget alert check failed'));
      return settled;
    },
    release: (reservationId: string) => store.release(reservationId, clock()),
    expireStale: () => store.expireStale(clock()),
    /** Where each cap of `context` stands now (global caps always; others when given). */
    async getRemainingBudget(context: BudgetReadContext = {}): Promise<RemainingBudget[]> {
      const now = clock();
      const keys = counterKeysFor(limitsFor(context), now);
      const states = await store.readCounters(keys);
      return keys.map((key) => {
        const state = states.find((candidate) => candidate.scope === key.scope && candidate.scopeId === key.scopeId && candidate.period === key.period && candidate.periodKey === key.periodKey && candidate.unit === key.unit);
        const spent = state?.spent ?? 0;
        const reserved = state?.reserved ?? 0;
        return { scope: key.scope, scopeId: key.scopeId, period: key.period, unit: key.unit, cap: key.cap, spent, reserved, remaining: Math.max(key.cap - spent - reserved, 0), resetsAt: periodResetsAt(key.period, now) };
      });
    },
  };
}

/** The budget guardian's interface. */
export type BudgetGuardian = ReturnType<typeof createBudgetGuardian>;
