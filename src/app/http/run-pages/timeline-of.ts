import type { RecordableEvent } from '../../../observability/record-run-metrics.ts';
import type { RunView, TimelineRow } from './run-view.ts';

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

/**
 * One row per `node.completed` event, in ledger order, and their total. Costs are rounded to
 * whole micro-euros per row first and the total is the sum of the rounded rows, so the numbers
 * shown add up exactly.
 */
export function timelineOf(events: readonly RecordableEvent[]): RunView['timeline'] {
  const rows: TimelineRow[] = [];
  for (const event of events) {
    if (event.type !== 'node.completed') continue;
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    rows.push({
      step: count(payload.step),
      node: typeof payload.node === 'string' ? payload.node : 'unknown',
      durationMs: count(payload.duration_ms),
      inputTokens: count(payload.input_tokens),
      outputTokens: count(payload.output_tokens),
      modelCalls: count(payload.model_calls),
      costMicroEur: Math.round(count(payload.cost_eur) * 1_000_000),
      next: typeof payload.next === 'string' ? payload.next : null,
    });
  }
  const sum = (pick: (row: TimelineRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    rows,
    total: {
      durationMs: sum((row) => row.durationMs),
      inputTokens: sum((row) => row.inputTokens),
      outputTokens: sum((row) => row.outputTokens),
      modelCalls: sum((row) => row.modelCalls),
      costMicroEur: sum((row) => row.costMicroEur),
    },
  };
}
