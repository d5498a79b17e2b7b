/**
 * Router and budget benchmark against real PostgreSQL. Writes:
 * - metrics/performance/model_router_latency.csv: routing decision and reserve+settle p50/p95/p99;
 * - metrics/quality/model_routing_accuracy.csv: the routing table, expected vs actual provider;
 * - metrics/quality/router_failover.csv: 1,000 requests with 30% injected primary failures;
 * - metrics/cost/budget_report.csv: a simulated 30-day workload through the real guardian.
 */
import { loadConfig } from '../../src/config/index.ts';
import { decideRoute } from '../../src/llm/decide-route.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { BudgetExceeded, lookupPrice } from '../../src/policy/finops/index.ts';
import { createBudgetGuardian } from '../../src/state/budget/budget-guardian.ts';
import { healthWith, ROUTING_CASES } from '../../test/fixtures/routing-cases.ts';
import { createBenchDatabase } from './lib/bench-database.ts';
import { runFailoverScenario } from './lib/failover-scenario.ts';
import { percentiles, timeMs } from './lib/percentiles.ts';
import { writeCsv } from './lib/write-csv.ts';

const config = loadConfig({ configDir: process.cwd() });
const logger = createLogger({ level: 'silent' });
const timestamp = new Date().toISOString();
const results: string[] = [];
const verdict = (met: boolean, text: string) => results.push(`${met ? 'MET    ' : 'NOT MET'} ${text}`);

function measureRoutingDecision(): number[] {
  const samples: number[] = [];
  const tasks = ['planning', 'coding', 'review', 'qa'] as const;
  for (let i = 0; i < 20_000; i += 1) {
    const routingCase = ROUTING_CASES[i % ROUTING_CASES.length]!;
    const health = healthWith(routingCase.health);
    const start = process.hrtime.bigint();
    decideRoute(tasks[i % 4]!, config.routing, config.finops, health);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.slice(2000);
}

async function measureReserveSettle(knex: Parameters<typeof createBudgetGuardian>[0]['knex']): Promise<number[]> {
  const guardian = createBudgetGuardian({ knex, finops: config.finops, alerts: { publish: async () => undefined }, logger });
  const price = { inputPer1k: 0.002175, outputPer1k: 0.0087 };
  const samples: number[] = [];
  for (let i = 0; i < 1200; i += 1) {
    const ms = await timeMs(async () => {
      const reservation = await guardian.reserve(
        { provider: 'openai', runId: `bench-run-${i % 200}` },
        { model: 'gpt-4o', task: 'coding', price, inputTokens: 3000, desiredMaxTokens: 2000, minOutputTokens: 256 },
      );
      await guardian.settle(reservation.id, { inputTokens: 2500, outputTokens: 700 });
    });
    if (i >= 200) samples.push(ms);
  }
  return samples;
}

/**
 * 30 simulated days through the real guardian under phase-1 caps. Demand is set above the caps on
 * purpose (about €350–€650 a day, over €13,000 for the month), so both the daily and the monthly
 * cap must refuse calls; eight workers reserve concurrently, as several aos workers would. Calls
 * alternate between gpt-4o and claude-sonnet-4 so that neither provider's daily token ceiling
 * binds before the EUR caps do.
 */
async function simulateMonth(knex: Parameters<typeof createBudgetGuardian>[0]['knex']) {
  const phase = config.finops.phases[config.finops.active_phase]!;
  let clock = new Date('2026-06-01T00:00:00Z');
  const guardian = createBudgetGuardian({
    knex,
    finops: config.finops,
    alerts: { publish: async () => undefined },
    logger,
    now: () => clock,
  });
  const models = [
    { provider: 'openai', model: 'gpt-4o', maxOutput: 16_000 },
    { provider: 'anthropic', model: 'claude-sonnet-4-20250514', maxOutput: 32_000 },
  ].map((entry) => {
    const price = lookupPrice(config.finops, entry.provider, entry.model);
    if (!price.found) throw new Error(price.reason);
    return { ...entry, price: price.price };
  });
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: Array<Record<string, string | number>> = [];
  let breaches = 0;
  let refusals = 0;
  let calls = 0;
  for (let day = 0; day < 30; day += 1) {
    const dayStart = new Date(Date.UTC(2026, 5, 1 + day));
    const demand = 1000 + Math.floor(random() * 900);
    // Alternating providers: calls average about €0.35, so demand runs from about €350 to €650 a day.
    let next = 0;
    const worker = async () => {
      while (next < demand) {
        const index = next;
        next += 1;
        clock = new Date(dayStart.getTime() + Math.floor((index / demand) * 86_000_000));
        try {
          const { provider, model, maxOutput, price } = models[index % 2]!;
          const reservation = await guardian.reserve(
            { provider, runId: `sim-${day}-${Math.floor(index / 5)}` },
            {
              model,
              task: 'coding',
              price,
              inputTokens: 30_000 + Math.floor(random() * 30_000),
              desiredMaxTokens: maxOutput,
              minOutputTokens: 256,
            },
          );
          await guardian.settle(reservation.id, {
            inputTokens: 25_000 + Math.floor(random() * 25_000),
            outputTokens: Math.floor(reservation.maxTokens * (0.4 + 0.6 * random())),
          });
          calls += 1;
        } catch (error) {
          if (!(error instanceof BudgetExceeded)) throw error;
          refusals += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    clock = new Date(dayStart.getTime() + 86_000_000);
    const counters = await guardian.getRemainingBudget({ provider: 'openai' });
    const daily = counters.find((c) => c.scope === 'global' && c.period === 'day')!;
    const monthly = counters.find((c) => c.scope === 'global' && c.period === 'month')!;
    if (daily.spent > phase.daily_eur_cap + 1e-9 || monthly.spent > phase.monthly_eur_cap + 1e-9) breaches += 1;
    rows.push({
      date: dayStart.toISOString().slice(0, 10),
      phase: config.finops.active_phase,
      daily_spend_eur: daily.spent.toFixed(2),
      daily_cap_eur: phase.daily_eur_cap,
      monthly_spend_eur: monthly.spent.toFixed(2),
      monthly_cap_eur: phase.monthly_eur_cap,
    });
  }
  return { rows, breaches, refusals, calls, monthSpend: Number(rows.at(-1)!.monthly_spend_eur) };
}

async function main(): Promise<void> {
  const routing = percentiles(measureRoutingDecision());

  const accuracyRows = ROUTING_CASES.map((routingCase) => {
    const actual =
      decideRoute(routingCase.task, config.routing, config.finops, healthWith(routingCase.health)).candidates[0]?.provider ?? 'none';
    const expected = routingCase.expected ?? 'none';
    return {
      timestamp,
      task_type: routingCase.task,
      case: routingCase.name,
      expected_provider: expected,
      actual_provider: actual,
      correct: actual === expected,
    };
  });
  writeCsv(
    'metrics/quality/model_routing_accuracy.csv',
    ['timestamp', 'task_type', 'case', 'expected_provider', 'actual_provider', 'correct'],
    accuracyRows,
  );
  const accuracy = accuracyRows.filter((row) => row.correct).length / accuracyRows.length;

  const bench = await createBenchDatabase(10);
  try {
    const reserveSettle = percentiles(await measureReserveSettle(bench.db.knex));
    writeCsv(
      'metrics/performance/model_router_latency.csv',
      ['timestamp', 'operation', 'latency_ms', 'percentile'],
      [
        ...(['p50', 'p95', 'p99'] as const).map((p) => ({
          timestamp,
          operation: 'routing_decision',
          latency_ms: routing[p].toFixed(5),
          percentile: p,
        })),
        ...(['p50', 'p95', 'p99'] as const).map((p) => ({
          timestamp,
          operation: 'reserve_settle',
          latency_ms: reserveSettle[p].toFixed(4),
          percentile: p,
        })),
      ],
    );
    const failover = await runFailoverScenario({ knex: bench.db.knex, config, logger });
    writeCsv(
      'metrics/quality/router_failover.csv',
      [
        'timestamp',
        'requests',
        'answered',
        'answered_rate',
        'primary_failures_injected',
        'answered_by_fallback',
        'breaker_opened',
        'breaker_half_open_probes',
      ],
      [
        {
          timestamp,
          requests: failover.requests,
          answered: failover.answered,
          answered_rate: (failover.answered / failover.requests).toFixed(4),
          primary_failures_injected: failover.primaryFailuresInjected,
          answered_by_fallback: failover.answeredByFallback,
          breaker_opened: failover.breakerOpened,
          breaker_half_open_probes: failover.breakerHalfOpenProbes,
        },
      ],
    );
    const month = await simulateMonth(bench.db.knex);
    writeCsv(
      'metrics/cost/budget_report.csv',
      ['date', 'phase', 'daily_spend_eur', 'daily_cap_eur', 'monthly_spend_eur', 'monthly_cap_eur'],
      month.rows,
    );

    console.log(`routing decision   p50 ${routing.p50.toFixed(4)} ms  p95 ${routing.p95.toFixed(4)} ms  p99 ${routing.p99.toFixed(4)} ms`);
    console.log(
      `reserve + settle   p50 ${reserveSettle.p50.toFixed(3)} ms  p95 ${reserveSettle.p95.toFixed(3)} ms  p99 ${reserveSettle.p99.toFixed(3)} ms`,
    );
    console.log(
      `failover           ${failover.answered}/${failover.requests} answered, ${failover.primaryFailuresInjected} primary failures injected, ${failover.answeredByFallback} by fallback, breaker opened ${failover.breakerOpened}×, half-open ${failover.breakerHalfOpenProbes}×`,
    );
    console.log(
      `30-day simulation  ${month.calls} calls answered, ${month.refusals} refused by a cap, €${month.monthSpend.toFixed(2)} spent in the month, ${month.breaches} breaches`,
    );
    verdict(routing.p95 < 1, `routing decision p95 < 1 ms: ${routing.p95.toFixed(4)} ms`);
    verdict(reserveSettle.p95 < 10, `reserve + settle p95 < 10 ms: ${reserveSettle.p95.toFixed(3)} ms`);
    verdict(accuracy === 1, `routing accuracy 100%: ${(accuracy * 100).toFixed(1)}% of ${accuracyRows.length} cases`);
    verdict(
      failover.answered / failover.requests >= 0.99,
      `failover ≥ 99% answered: ${((failover.answered / failover.requests) * 100).toFixed(2)}%`,
    );
    verdict(month.breaches === 0, `30-day budget simulation with zero breaches: ${month.breaches}`);
  } finally {
    await bench.drop();
  }
  for (const line of results) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
