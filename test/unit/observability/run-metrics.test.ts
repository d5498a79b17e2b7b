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

describe('recordRunMetrics on model latency and failed attempts', () => {
  const failover = [
    { provider: 'openai', model: 'gpt-4o', outcome: 'retried', reason: 'openai: 503 overloaded' },
    { provider: 'openai', model: 'gpt-4o', outcome: 'failed', reason: 'openai: 503 overloaded' },
    { provider: 'anthropic', model: 'claude', outcome: 'skipped', reason: 'over budget' },
    { provider: 'local', model: 'qwen', outcome: 'ok' },
  ];
  const callEvents = [
    { type: 'model.call', payload: { task: 'coding', provider: 'local', model: 'qwen', latency_ms: 3200, failover_path: failover } },
    {
      type: 'model.refused',
      payload: { task: 'review', failover_path: [{ provider: 'openai', model: 'gpt-4o', outcome: 'failed', reason: 'timeout' }] },
    },
  ];

  it('observes the latency of answered calls and counts retried and failed attempts under the model tried', async () => {
    const metrics = createMetrics();
    recordRunMetrics(metrics, callEvents);
    const local = { provider: 'local', model: 'qwen', task: 'coding' };
    expect(await value(metrics.modelCallDuration, local, 'aos_model_call_duration_seconds_sum')).toBe(3.2);
    expect(await value(metrics.modelCallDuration, { ...local, le: '2.5' }, 'aos_model_call_duration_seconds_bucket')).toBe(0);
    expect(await value(metrics.modelCallDuration, { ...local, le: '5' }, 'aos_model_call_duration_seconds_bucket')).toBe(1);
    const openai = { provider: 'openai', model: 'gpt-4o' };
    expect(await value(metrics.modelErrors, { ...openai, task: 'coding', outcome: 'retried' })).toBe(1);
    expect(await value(metrics.modelErrors, { ...openai, task: 'coding', outcome: 'failed' })).toBe(1);
    expect(await value(metrics.modelErrors, { ...openai, task: 'review', outcome: 'failed' })).toBe(1);
    // Skipped candidates were never called: no error; the answering model has its series at 0.
    expect(await value(metrics.modelErrors, { provider: 'anthropic' })).toBeUndefined();
    expect(await value(metrics.modelErrors, { ...local, outcome: 'failed' })).toBe(0);
    expect(await value(metrics.modelErrors, { ...local, outcome: 'retried' })).toBe(0);
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

describe('live counters of alerts', () => {
  it('exist at zero before the first event: residency violations per task, package-reality check errors', async () => {
    const text = await createMetrics().registry.metrics();
    for (const task of ['planning', 'coding', 'review', 'qa']) expect(text).toContain(`aos_residency_violations_total{task="${task}"} 0`);
    expect(text).toMatch(/^aos_package_reality_check_errors_total 0$/m);
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
