import { describe, expect, it } from 'vitest';
import { createMetrics } from '#src/observability/metrics.ts';
import { recordCheckRun } from '#src/observability/record-check-run.ts';
import { recordRunMetrics } from '#src/observability/record-run-metrics.ts';
import { recordWebhookAck } from '#src/observability/record-webhook-ack.ts';
import { runOutcomeOf } from '#src/observability/run-outcome.ts';

const residency = [
  { provider: 'openai', allow: false, host: 'api.openai.com', reason: 'not an EU host' },
  { provider: 'local', allow: true, host: '127.0.0.1', reason: 'on-premise' },
];
const events = [
  { type: 'run.started', payload: { start_at: 'planner' } },
  {
    type: 'model.call',
    payload: { task: 'planning', provider: 'local', model: 'qwen', input_tokens: 100, output_tokens: 20, cost_eur: 0.005, residency },
  },
  { type: 'node.completed', payload: { node: 'planner', duration_ms: 1500, cost_eur: 0.005 } },
  { type: 'model.refused', payload: { task: 'coding', residency, reason: 'residency' } },
  { type: 'node.completed', payload: { node: 'coder', duration_ms: 250 } },
  { type: 'run.completed', payload: { steps: 2 } },
];

const value = async (
  metric: { get(): Promise<{ values: Array<{ labels: Record<string, string | number>; value: number; metricName?: string }> }> },
  labels: Record<string, string>,
  metricName?: string,
) =>
  (await metric.get()).values.find(
    (entry) =>
      (metricName === undefined || entry.metricName === metricName) &&
      Object.entries(labels).every(([key, wanted]) => String(entry.labels[key]) === wanted),
  )?.value;

describe('recordRunMetrics', () => {
  it('counts calls, tokens, cost, refusals, residency decisions, node durations and the outcome', async () => {
    const metrics = createMetrics();
    recordRunMetrics(metrics, events, { outcome: 'needs-work' });
    const labels = { provider: 'local', model: 'qwen', task: 'planning' };
    expect(await value(metrics.modelCalls, { ...labels, outcome: 'ok' })).toBe(1);
    expect(await value(metrics.modelCalls, { provider: 'none', model: 'none', task: 'coding', outcome: 'refused' })).toBe(1);
    expect(await value(metrics.modelTokens, { ...labels, direction: 'input' })).toBe(100);
    expect(await value(metrics.modelTokens, { ...labels, direction: 'output' })).toBe(20);
    expect(await value(metrics.modelCostEur, labels)).toBeCloseTo(0.005, 12);
    expect(await value(metrics.residencyDecisions, { provider: 'openai', decision: 'deny' })).toBe(2);
    expect(await value(metrics.residencyDecisions, { provider: 'local', decision: 'allow' })).toBe(2);
    expect(await value(metrics.nodeDuration, { node: 'planner' }, 'aos_node_duration_seconds_sum')).toBe(1.5);
    expect(await value(metrics.nodeDuration, { node: 'coder', le: '0.5' }, 'aos_node_duration_seconds_bucket')).toBe(1);
    expect(await value(metrics.runs, { outcome: 'needs-work' })).toBe(1);
    expect(await value(metrics.runs, { outcome: 'ready' })).toBe(0);
  });

  it('leaves aos_runs_total alone without an outcome, and never puts a run id in a label', async () => {
    const metrics = createMetrics();
    recordRunMetrics(metrics, [{ type: 'node.completed', payload: { node: 'qa', duration_ms: 10, run_id: 'run-secret-id' } }]);
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('run-secret-id');
    expect(text).toMatch(/^aos_runs_total\{outcome="ready"\} 0$/m);
  });
});

describe('runOutcomeOf', () => {
  it('is the verdict of a completed run, completed without one, else the status', () => {
    expect(runOutcomeOf('completed', 'ready')).toBe('ready');
    expect(runOutcomeOf('completed', 'needs-work')).toBe('needs-work');
    expect(runOutcomeOf('completed', null)).toBe('completed');
    expect(runOutcomeOf('failed', null)).toBe('failed');
    expect(runOutcomeOf('cancelled', 'ready')).toBe('cancelled');
  });
});

describe('check-run and webhook recorders', () => {
  it('count conclusions per check and observe acknowledgement time in seconds', async () => {
    const metrics = createMetrics();
    recordCheckRun(metrics, 'package-reality', 'failure');
    recordCheckRun(metrics, 'package-reality', 'failure');
    recordWebhookAck(metrics, 'issue_comment', 42);
    const text = await metrics.registry.metrics();
    expect(text).toContain('aos_check_run_conclusions_total{check="package-reality",conclusion="failure"} 2');
    expect(text).toContain('aos_webhook_ack_duration_seconds_bucket{le="0.05",event="issue_comment"} 1');
    expect(text).toContain('aos_webhook_ack_duration_seconds_bucket{le="0.025",event="issue_comment"} 0');
  });
});

describe('scrape-time gauges', () => {
  it('show nothing until a source is given', async () => {
    const text = await createMetrics().registry.metrics();
    expect(text).not.toMatch(/^aos_budget_remaining_eur\{/m);
    expect(text).not.toMatch(/^aos_queue_depth\{/m);
    expect(text).toMatch(/^aos_queue_oldest_job_age_seconds NaN$/im);
  });

  it('read the budget at each scrape: EUR caps only, the least remaining per scope and period', async () => {
    const metrics = createMetrics();
    let spent = 1;
    metrics.observeBudget(async () => [
      { scope: 'global', period: 'day', unit: 'eur', remaining: 10 - spent },
      { scope: 'global', period: 'month', unit: 'eur', remaining: 200 - spent },
      { scope: 'installation', period: 'day', unit: 'eur', remaining: 7 },
      { scope: 'installation', period: 'day', unit: 'eur', remaining: 3 },
      { scope: 'provider', period: 'day', unit: 'tokens', remaining: 99_000 },
    ]);
    expect(await metrics.registry.metrics()).toContain('aos_budget_remaining_eur{scope="global",period="day"} 9');
    spent = 4;
    const text = await metrics.registry.metrics();
    expect(text).toContain('aos_budget_remaining_eur{scope="global",period="day"} 6');
    expect(text).toContain('aos_budget_remaining_eur{scope="global",period="month"} 196');
    expect(text).toContain('aos_budget_remaining_eur{scope="installation",period="day"} 3');
    expect(text).not.toContain('scope="provider"');
  });

  it('read the queue once per scrape for both queue gauges', async () => {
    const metrics = createMetrics();
    let reads = 0;
    metrics.observeQueue(async () => {
      reads += 1;
      return { waiting: 3, active: 1, oldestWaitingMs: 4500 };
    });
    const text = await metrics.registry.metrics();
    expect(reads).toBe(1);
    expect(text).toContain('aos_queue_depth{state="waiting"} 3');
    expect(text).toContain('aos_queue_depth{state="active"} 1');
    expect(text).toContain('aos_queue_oldest_job_age_seconds 4.5');
  });

  it('count a failing source in the same scrape and leave its gauge empty', async () => {
    const metrics = createMetrics();
    metrics.observeQueue(() => Promise.reject(new Error('redis down')));
    const text = await metrics.registry.metrics();
    expect(text).toContain('aos_metrics_source_failures_total{source="queue"} 1');
    expect(text).not.toMatch(/^aos_queue_depth\{/m);
    expect(text).toMatch(/^aos_queue_oldest_job_age_seconds NaN$/im);
  });
});
