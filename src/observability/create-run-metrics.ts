import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { createZeroedCounter } from './create-zeroed-counter.ts';

/** How a run ended; the only values of the `outcome` label of `aos_runs_total`. */
export const RUN_OUTCOMES = ['ready', 'needs-work', 'completed', 'failed', 'cancelled'] as const;

/**
 * Settlements that did not go as a plain bill; the only values of the `kind` label of
 * `aos_budget_settle_anomalies_total`: usage refused (charged the full reservation), usage above
 * the reservation (charged as reported), settlement failed (charged the full reservation).
 */
export const SETTLE_ANOMALIES = ['usage_refused', 'usage_over_reservation', 'settle_failed'] as const;

/** One cap as the budget gauge needs it: a structural subset of the guardian's `RemainingBudget`. */
export interface BudgetGaugeRow {
  scope: string;
  period: string;
  unit: string;
  remaining: number;
}

/** What the queue gauges read: a structural subset of `JobQueue.depth()`. */
export interface QueueDepth {
  waiting: number;
  active: number;
  oldestWaitingMs: number;
}

// Graph nodes take from under a second (approver) to minutes (coder with tests).
const NODE_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
// The webhook handler only validates and enqueues: milliseconds, a second at worst.
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The run, model, budget, queue and webhook metrics, registered into `registry`. Every label is a
 * closed or configuration-bound set (node, provider, model, task, check); never a run id, issue
 * number or repository. The budget and queue gauges are read when `/metrics` is scraped, from the
 * sources given to `observeBudget` and `observeQueue`; a source that fails leaves its gauge empty
 * and counts `aos_metrics_source_failures_total{source}` instead of failing the scrape.
 */
export function createRunMetrics(registry: Registry, prefix: string) {
  const registers = [registry];
  let budgetSource: (() => Promise<BudgetGaugeRow[]>) | undefined;
  let queueSource: (() => Promise<QueueDepth>) | undefined;
  // Source reads of the scrape in progress: the failure counter waits for them, and both queue
  // gauges share one read.
  const inFlight = new Set<Promise<unknown>>();
  let queueRead: Promise<QueueDepth | null> | undefined;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };
  const readQueue = (source: () => Promise<QueueDepth>): Promise<QueueDepth | null> => {
    queueRead ??= track(
      source().catch(() => {
        sourceFailures.inc({ source: 'queue' });
        return null;
      }),
    ).finally(() => {
      queueRead = undefined;
    });
    return queueRead;
  };

  const runs = createZeroedCounter(
    {
      name: `${prefix}runs_total`,
      help: 'Finished runs, by outcome: ready, needs-work, completed (no verdict, e.g. dry run), failed, cancelled.',
      labelNames: ['outcome'] as const,
      registers,
    },
    RUN_OUTCOMES,
  );

  const budgetSettleAnomalies = createZeroedCounter(
    {
      name: `${prefix}budget_settle_anomalies_total`,
      help: 'Model call settlements that were not a plain bill, by kind: usage_refused and settle_failed (charged the full reservation), usage_over_reservation (charged as reported, above what was reserved).',
      labelNames: ['kind'] as const,
      registers,
    },
    SETTLE_ANOMALIES,
  );

  const gauges = {
    budgetRemaining: new Gauge({
      name: `${prefix}budget_remaining_eur`,
      help: 'EUR left under each cap (the smallest when several caps share a scope and period), read at scrape time.',
      labelNames: ['scope', 'period'] as const,
      registers,
      async collect() {
        const source = budgetSource;
        if (!source) return;
        this.reset();
        // Counted inside the tracked promise, so the failure counter waits for the count itself.
        const rows = await track(
          source().catch(() => {
            sourceFailures.inc({ source: 'budget' });
            return null;
          }),
        );
        if (rows === null) return;
        const least = new Map<string, { scope: string; period: string; remaining: number }>();
        for (const row of rows) {
          if (row.unit !== 'eur') continue;
          const key = `${row.scope}\u0000${row.period}`;
          const known = least.get(key);
          if (!known || row.remaining < known.remaining) least.set(key, { scope: row.scope, period: row.period, remaining: row.remaining });
        }
        for (const { scope, period, remaining } of least.values()) this.set({ scope, period }, remaining);
      },
    }),
    queueDepth: new Gauge({
      name: `${prefix}queue_depth`,
      help: 'Jobs in the queue, by state (waiting, active), read at scrape time.',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        if (!queueSource) return;
        this.reset();
        const depth = await readQueue(queueSource);
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
        if (!queueSource) return this.set(Number.NaN);
        const depth = await readQueue(queueSource);
        this.set(depth ? depth.oldestWaitingMs / 1000 : Number.NaN);
      },
    }),
  };

  // Registered after the gauges, so a scrape reads it after their sources have answered.
  const sourceFailures = new Counter({
    name: `${prefix}metrics_source_failures_total`,
    help: 'Scrapes where a gauge source (budget, queue) failed; the gauge was left empty.',
    labelNames: ['source'] as const,
    registers,
    async collect() {
      await Promise.all([...inFlight]);
    },
  });

  return {
    runs,
    budgetSettleAnomalies,
    nodeDuration: new Histogram({
      name: `${prefix}node_duration_seconds`,
      help: 'Duration of one graph node execution, by node, in seconds.',
      labelNames: ['node'] as const,
      buckets: NODE_BUCKETS,
      registers,
    }),
    modelCalls: new Counter({
      name: `${prefix}model_calls_total`,
      help: 'Model calls through the router, by provider, model, task and outcome (ok, refused; refused calls have provider and model "none").',
      labelNames: ['provider', 'model', 'task', 'outcome'] as const,
      registers,
    }),
    modelTokens: new Counter({
      name: `${prefix}model_tokens_total`,
      help: 'Tokens billed by model vendors, by provider, model, task and direction (input, output).',
      labelNames: ['provider', 'model', 'task', 'direction'] as const,
      registers,
    }),
    modelCostEur: new Counter({
      name: `${prefix}model_cost_eur_total`,
      help: 'Money spent on model calls in EUR, by provider, model and task.',
      labelNames: ['provider', 'model', 'task'] as const,
      registers,
    }),
    residencyDecisions: new Counter({
      name: `${prefix}residency_decisions_total`,
      help: 'Residency decisions on provider endpoints recorded with model calls, by provider and decision (allow, deny).',
      labelNames: ['provider', 'decision'] as const,
      registers,
    }),
    checkRunConclusions: new Counter({
      name: `${prefix}check_run_conclusions_total`,
      help: 'Completed check runs, by check (package-reality, agent) and conclusion.',
      labelNames: ['check', 'conclusion'] as const,
      registers,
    }),
    webhookAck: new Histogram({
      name: `${prefix}webhook_ack_duration_seconds`,
      help: 'Time from receiving a webhook to acknowledging it (validated, recorded, enqueued), by event, in seconds.',
      labelNames: ['event'] as const,
      buckets: ACK_BUCKETS,
      registers,
    }),
    ...gauges,
    sourceFailures,
    /** Sets where the budget gauge reads from, e.g. `() => guardian.getRemainingBudget()`. */
    observeBudget(source: () => Promise<BudgetGaugeRow[]>): void {
      budgetSource = source;
    },
    /** Sets where the queue gauges read from, e.g. `() => queue.depth()`. */
    observeQueue(source: () => Promise<QueueDepth>): void {
      queueSource = source;
    },
  };
}
