import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRunMetrics } from '#src/observability/record-run-metrics.ts';
import { runOutcomeOf } from '#src/observability/run-outcome.ts';
import { createMemoryQueue } from '#src/store/create-memory-queue.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { startRunPagesServer } from './run-pages-fixture.ts';

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const VALUE = '(?:[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?Inf|NaN|Nan)'; // prom-client writes NaN as `Nan`, which Prometheus reads case-insensitively
const LINE_FORMATS = [
  new RegExp(`^# HELP ${NAME} .+$`),
  new RegExp(`^# TYPE ${NAME} (counter|gauge|histogram|summary|untyped)$`),
  new RegExp(`^${NAME}(\\{${LABEL}(,${LABEL})*\\})? ${VALUE}( -?\\d+)?$`),
];

/** The value of one sample line, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics after a scripted run', () => {
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof startRunPagesServer>>;
  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    server = await startRunPagesServer(testDb.db.knex);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  const scrape = async () => {
    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(server.metrics.registry.contentType);
    return response.text();
  };

  it('is Prometheus text, line by line, with no run id or issue number in it', async () => {
    const text = await scrape();
    // Blank lines separate metric families; every other line is a comment or a sample.
    const lines = text.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines)
      expect(
        LINE_FORMATS.some((format) => format.test(line)),
        line,
      ).toBe(true);
    for (const name of [
      'aos_runs_total',
      'aos_node_duration_seconds',
      'aos_model_calls_total',
      'aos_model_tokens_total',
      'aos_model_cost_eur_total',
      'aos_budget_remaining_eur',
      'aos_residency_decisions_total',
      'aos_check_run_conclusions_total',
      'aos_queue_depth',
      'aos_queue_oldest_job_age_seconds',
      'aos_webhook_ack_duration_seconds',
      'aos_notification_deliveries_total',
    ]) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
    expect(text).not.toContain(server.runId);
  });

  it('moves the run, node, model, token, cost and residency counters when the run is recorded, and reads budget and queue at scrape time', async () => {
    const before = await scrape();
    expect(sample(before, 'aos_runs_total{outcome="ready"}')).toBe(0);
    expect(
      sample(before, 'aos_model_calls_total{provider="local",model="Qwen/Qwen2.5-Coder-32B-Instruct",task="planning",outcome="ok"}'),
    ).toBeUndefined();

    const queue = createMemoryQueue<{ n: number }>({ logger: captureLogger().logger });
    await queue.enqueue({ n: 1 }, 'job-1');
    await queue.enqueue({ n: 2 }, 'job-2');
    server.metrics.observeQueue(() => queue.depth());
    server.metrics.observeBudget(() => server.guardian.getRemainingBudget({ provider: 'local' }));
    const outcome = runOutcomeOf('completed', server.outcome.state.approval?.verdict ?? null);
    recordRunMetrics(server.metrics, server.events, { outcome });

    const after = await scrape();
    expect(sample(after, 'aos_runs_total{outcome="ready"}')).toBe(1);
    const calls = server.events.filter((event) => event.type === 'model.call');
    const labels = 'provider="local",model="Qwen/Qwen2.5-Coder-32B-Instruct"';
    expect(sample(after, `aos_model_calls_total{${labels},task="planning",outcome="ok"}`)).toBe(1);
    expect(sample(after, `aos_model_calls_total{${labels},task="coding",outcome="ok"}`)).toBe(2);
    expect(sample(after, `aos_model_calls_total{${labels},task="review",outcome="ok"}`)).toBe(2);
    expect(sample(after, `aos_model_tokens_total{${labels},task="planning",direction="input"}`)).toBe(900);
    expect(sample(after, `aos_model_tokens_total{${labels},task="coding",direction="output"}`)).toBe(95 + 88);
    const cost = ['planning', 'coding', 'review', 'qa'].reduce(
      (sum, task) => sum + (sample(after, `aos_model_cost_eur_total{${labels},task="${task}"}`) ?? 0),
      0,
    );
    expect(cost).toBeCloseTo(
      calls.reduce((sum, event) => sum + (event.payload as { cost_eur: number }).cost_eur, 0),
      9,
    );
    expect(sample(after, 'aos_node_duration_seconds_count{node="coder"}')).toBe(2);
    expect(sample(after, 'aos_node_duration_seconds_count{node="approver"}')).toBe(1);
    expect(sample(after, 'aos_residency_decisions_total{provider="local",decision="allow"}')).toBe(calls.length);

    const caps = await server.guardian.getRemainingBudget({ provider: 'local' });
    const day = caps.find((cap) => cap.scope === 'global' && cap.period === 'day')!;
    expect(day.spent).toBeGreaterThan(0);
    expect(sample(after, 'aos_budget_remaining_eur{scope="global",period="day"}')).toBeCloseTo(day.remaining, 6);
    expect(sample(after, 'aos_queue_depth{state="waiting"}')).toBe(2);
    expect(sample(after, 'aos_queue_oldest_job_age_seconds')).toBeGreaterThanOrEqual(0);
    await queue.close();
  });

  it('keeps answering when a gauge source fails, and counts the failure', async () => {
    server.metrics.observeBudget(() => Promise.reject(new Error('database down')));
    const text = await scrape();
    expect(sample(text, 'aos_metrics_source_failures_total{source="budget"}')).toBe(1);
    expect(text).not.toMatch(/^aos_budget_remaining_eur\{/m);
  });
});
