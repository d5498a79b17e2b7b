import { MODEL_ERROR_OUTCOMES } from './create-run-metrics.ts';
import type { Metrics } from './metrics.ts';
import type { RunOutcome } from './run-outcome.ts';

/** The part of a ledger event the recorder reads (a `LedgerEvent` fits). */
export interface RecordableEvent {
  type: string;
  payload: unknown;
}

type Payload = Record<string, unknown>;

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);
const amount = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

type RunMetrics = Pick<
  Metrics,
  'runs' | 'nodeDuration' | 'modelCalls' | 'modelCallDuration' | 'modelErrors' | 'modelTokens' | 'modelCostEur' | 'residencyDecisions'
>;

/** Counts the retried and failed attempts of one call's failover path under the provider and model tried. */
function recordFailedAttempts(metrics: Pick<Metrics, 'modelErrors'>, task: string, path: unknown): void {
  if (!Array.isArray(path)) return;
  for (const step of path as Payload[]) {
    if (step?.outcome !== 'retried' && step?.outcome !== 'failed') continue;
    metrics.modelErrors.inc({ provider: text(step.provider, 'unknown'), model: text(step.model, 'unknown'), task, outcome: step.outcome });
  }
}

function recordResidency(metrics: Pick<Metrics, 'residencyDecisions'>, residency: unknown): void {
  if (!Array.isArray(residency)) return;
  for (const entry of residency as Payload[]) {
    if (typeof entry?.provider !== 'string') continue;
    metrics.residencyDecisions.inc({ provider: entry.provider, decision: entry.allow === true ? 'allow' : 'deny' });
  }
}

/**
 * Moves the run metrics for one finished run: node durations from `node.completed`; calls,
 * latency, failed attempts, tokens, cost and residency decisions from `model.call` and
 * `model.refused`; and `aos_runs_total` when
 * `outcome` is given. Call it once per run with that run's events (`ledger.readEvents(runId)`)
 * after the run ends, so a resumed run is counted once. Other event types are ignored.
 */
export function recordRunMetrics(metrics: RunMetrics, events: readonly RecordableEvent[], options: { outcome?: RunOutcome } = {}): void {
  for (const event of events) {
    const payload = (event.payload ?? {}) as Payload;
    if (event.type === 'node.completed') {
      metrics.nodeDuration.observe({ node: text(payload.node, 'unknown') }, amount(payload.duration_ms) / 1000);
    } else if (event.type === 'model.call') {
      const labels = {
        provider: text(payload.provider, 'unknown'),
        model: text(payload.model, 'unknown'),
        task: text(payload.task, 'unknown'),
      };
      metrics.modelCalls.inc({ ...labels, outcome: 'ok' });
      metrics.modelCallDuration.observe(labels, amount(payload.latency_ms) / 1000);
      // The answering model's error series exist from its first answer, so its error ratio is defined at 0.
      for (const outcome of MODEL_ERROR_OUTCOMES) metrics.modelErrors.inc({ ...labels, outcome }, 0);
      recordFailedAttempts(metrics, labels.task, payload.failover_path);
      metrics.modelTokens.inc({ ...labels, direction: 'input' }, amount(payload.input_tokens));
      metrics.modelTokens.inc({ ...labels, direction: 'output' }, amount(payload.output_tokens));
      metrics.modelCostEur.inc(labels, amount(payload.cost_eur));
      recordResidency(metrics, payload.residency);
    } else if (event.type === 'model.refused') {
      const task = text(payload.task, 'unknown');
      metrics.modelCalls.inc({ provider: 'none', model: 'none', task, outcome: 'refused' });
      recordFailedAttempts(metrics, task, payload.failover_path);
      recordResidency(metrics, payload.residency);
    }
  }
  if (options.outcome) metrics.runs.inc({ outcome: options.outcome });
}
