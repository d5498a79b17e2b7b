import { Counter, Gauge, type Registry } from 'prom-client';
import { createScrapeReads } from './create-scrape-reads.ts';

/** One cap as the budget gauges need it: a structural subset of the guardian's `RemainingBudget`. */
export interface BudgetGaugeRow {
  scope: string;
  period: string;
  unit: string;
  cap: number;
  spent: number;
  remaining: number;
}

/** What the forecast gauge reads: a structural subset of the guardian's `MonthEndForecast`. */
export interface ForecastGaugeRow {
  scope: string;
  period: string;
  projectedMonthEnd: number;
}

/** What the queue gauges read: a structural subset of `JobQueue.depth()`. */
export interface QueueDepth {
  waiting: number;
  active: number;
  oldestWaitingMs: number;
}

/** The states of a circuit breaker; each provider has one series per state, 1 for the current one. */
export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;

/** The smallest-remaining EUR row per scope and period: the cap that binds first. */
function bindingCaps(rows: readonly BudgetGaugeRow[]): BudgetGaugeRow[] {
  const least = new Map<string, BudgetGaugeRow>();
  for (const row of rows) {
    if (row.unit !== 'eur') continue;
    const key = `${row.scope}\u0000${row.period}`;
    const known = least.get(key);
    if (!known || row.remaining < known.remaining) least.set(key, row);
  }
  return [...least.values()];
}

/**
 * The gauges read when `/metrics` is scraped: budget (left, cap and spent per cap; the month-end
 * forecast), queue (depth, oldest waiting job) and circuit breakers (state per provider), from the
 * sources given to `observeBudget`, `observeForecast`, `observeQueue` and `observeCircuits`. Each
 * source is read once per scrape however many gauges show it; a source that fails leaves its
 * gauges empty and counts `aos_metrics_source_failures_total{source}` instead of failing the scrape.
 */
export function createScrapeGauges(registry: Registry, prefix: string) {
  const registers = [registry];
  const reads = createScrapeReads((source) => sourceFailures.inc({ source }));
  const budget = reads.source<BudgetGaugeRow[]>('budget');
  const forecast = reads.source<ForecastGaugeRow[]>('forecast');
  const queue = reads.source<QueueDepth>('queue');
  let circuitSource: (() => ReadonlyMap<string, string>) | undefined;

  /** A gauge per binding cap, `pick` choosing which of its amounts. */
  const budgetGauge = (name: string, help: string, pick: (row: BudgetGaugeRow) => number) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      labelNames: ['scope', 'period'] as const,
      registers,
      async collect() {
        if (!budget.given()) return;
        this.reset();
        const rows = await budget.read();
        for (const row of bindingCaps(rows ?? [])) this.set({ scope: row.scope, period: row.period }, pick(row));
      },
    });

  const gauges = {
    budgetRemaining: budgetGauge(
      'budget_remaining_eur',
      'EUR left under each cap (the smallest when several caps share a scope and period), read at scrape time.',
      (row) => row.remaining,
    ),
    budgetCap: budgetGauge('budget_cap_eur', 'The EUR cap of each budget_remaining_eur series, read at scrape time.', (row) => row.cap),
    budgetSpent: budgetGauge(
      'budget_spent_eur',
      'EUR spent (settled) under each cap of budget_remaining_eur in its current period, read at scrape time.',
      (row) => row.spent,
    ),
    budgetForecast: new Gauge({
      name: `${prefix}budget_month_end_forecast_eur`,
      help: 'Projected spend at month end at the current burn rate (the higher of the month-to-date average and the last 24 hours), read at scrape time.',
      labelNames: ['scope', 'period'] as const,
      registers,
      async collect() {
        if (!forecast.given()) return;
        this.reset();
        for (const row of (await forecast.read()) ?? []) this.set({ scope: row.scope, period: row.period }, row.projectedMonthEnd);
      },
    }),
    queueDepth: new Gauge({
      name: `${prefix}queue_depth`,
      help: 'Jobs in the queue, by state (waiting, active), read at scrape time.',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        if (!queue.given()) return;
        this.reset();
        const depth = await queue.read();
        if (!depth) return;
        this.set({ state: 'waiting' }, depth.waiting);
        this.set({ state: 'active' }, depth.active);
      },
    }),
    queueOldestJobAge: new Gauge({
      name: `${prefix}queue_oldest_job_age_seconds`,
      help: 'Age of the oldest waiting job in seconds (0 when none waits; NaN when the queue could not be read), read at scrape time.',
      registers,
      async collect() {
        // A gauge without labels always has a value; NaN says "unknown" where 0 would say "empty".
        if (!queue.given()) return this.set(Number.NaN);
        const depth = await queue.read();
        this.set(depth ? depth.oldestWaitingMs / 1000 : Number.NaN);
      },
    }),
    circuitBreakerState: new Gauge({
      name: `${prefix}circuit_breaker_state`,
      help: 'Circuit breaker of each model provider: 1 for its current state (closed, open, half-open), 0 for the others, read at scrape time.',
      labelNames: ['provider', 'state'] as const,
      registers,
      collect() {
        if (!circuitSource) return;
        this.reset();
        for (const [provider, current] of circuitSource()) {
          for (const state of CIRCUIT_STATES) this.set({ provider, state }, state === current ? 1 : 0);
        }
      },
    }),
  };

  // Registered after the gauges, so a scrape reads it after their sources have answered.
  const sourceFailures = new Counter({
    name: `${prefix}metrics_source_failures_total`,
    help: 'Scrapes where a gauge source (budget, forecast, queue) failed; its gauges were left empty.',
    labelNames: ['source'] as const,
    registers,
    collect: () => reads.settled(),
  });

  return {
    ...gauges,
    sourceFailures,
    /** Sets where the budget gauges read from, e.g. `() => guardian.getRemainingBudget()`. */
    observeBudget: budget.observe,
    /** Sets where the forecast gauge reads from, e.g. `async () => [await guardian.getMonthEndForecast()]`. */
    observeForecast: forecast.observe,
    /** Sets where the queue gauges read from, e.g. `() => queue.depth()`. */
    observeQueue: queue.observe,
    /** Sets where the circuit gauge reads from, e.g. `() => router.circuitStates()`. */
    observeCircuits(source: () => ReadonlyMap<string, string>): void {
      circuitSource = source;
    },
  };
}
