import { Counter, Histogram, type Registry } from 'prom-client';
import { TASK_TYPES } from '../config/config-names.ts';
import { createZeroedCounter } from './create-zeroed-counter.ts';

/** How a run ended; the only values of the `outcome` label of `aos_runs_total`. */
export const RUN_OUTCOMES = ['ready', 'needs-work', 'completed', 'failed', 'cancelled'] as const;

/**
 * Settlements that did not go as a plain bill; the only values of the `kind` label of
 * `aos_budget_settle_anomalies_total`: usage refused (charged the full reservation), usage above
 * the reservation (charged as reported), settlement failed (charged the full reservation).
 */
export const SETTLE_ANOMALIES = ['usage_refused', 'usage_over_reservation', 'settle_failed'] as const;

/** Failed attempts of a model call; the only values of the `outcome` label of `aos_model_errors_total`. */
export const MODEL_ERROR_OUTCOMES = ['retried', 'failed'] as const;

// Graph nodes take from under a second (approver) to minutes (coder with tests).
const NODE_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
// A model answers in one to tens of seconds; with retries and failover up to minutes.
const MODEL_BUCKETS = [0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];
// The webhook handler only validates and enqueues: milliseconds, a second at worst.
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The run, model, residency, circuit-breaker, check-run and webhook metrics, registered into
 * `registry`. Every label is a closed or configuration-bound set (node, provider, model, task,
 * check); never a run id, issue number or repository.
 */
export function createRunMetrics(registry: Registry, prefix: string) {
  const registers = [registry];
  return {
    runs: createZeroedCounter(
      {
        name: `${prefix}runs_total`,
        help: 'Finished runs, by outcome: ready, needs-work, completed (no verdict, e.g. dry run), failed, cancelled.',
        labelNames: ['outcome'] as const,
        registers,
      },
      RUN_OUTCOMES,
    ),
    budgetSettleAnomalies: createZeroedCounter(
      {
        name: `${prefix}budget_settle_anomalies_total`,
        help: 'Model call settlements that were not a plain bill, by kind: usage_refused and settle_failed (charged the full reservation), usage_over_reservation (charged as reported, above what was reserved).',
        labelNames: ['kind'] as const,
        registers,
      },
      SETTLE_ANOMALIES,
    ),
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
    modelCallDuration: new Histogram({
      name: `${prefix}model_call_duration_seconds`,
      help: 'Duration of one answered model call through the router (retries and failover included), by the provider, model and task that answered, in seconds.',
      labelNames: ['provider', 'model', 'task'] as const,
      buckets: MODEL_BUCKETS,
      registers,
    }),
    modelErrors: new Counter({
      name: `${prefix}model_errors_total`,
      help: 'Failed attempts of model calls, by provider, model, task and outcome: retried (tried again on the same provider) or failed (moved on to the next candidate).',
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
    residencyViolations: createZeroedCounter(
      {
        name: `${prefix}residency_violations_total`,
        help: 'Model calls refused before any network traffic because residency left no compliant provider, by task.',
        labelNames: ['task'] as const,
        registers,
      },
      TASK_TYPES,
    ),
    circuitOpenings: new Counter({
      name: `${prefix}circuit_breaker_openings_total`,
      help: "Times a model provider's circuit breaker opened (from closed, or again from half-open), by provider.",
      labelNames: ['provider'] as const,
      registers,
    }),
    checkRunConclusions: new Counter({
      name: `${prefix}check_run_conclusions_total`,
      help: 'Completed check runs, by check (package-reality, agent) and conclusion.',
      labelNames: ['check', 'conclusion'] as const,
      registers,
    }),
    packageRealityErrors: new Counter({
      name: `${prefix}package_reality_check_errors_total`,
      help: 'aos / package-reality checks that could not finish (GitHub, a registry or OSV failed while checking) and concluded neutral.',
      registers,
    }),
    webhookAck: new Histogram({
      name: `${prefix}webhook_ack_duration_seconds`,
      help: 'Time from receiving a webhook to acknowledging it (validated, recorded, enqueued), by event, in seconds.',
      labelNames: ['event'] as const,
      buckets: ACK_BUCKETS,
      registers,
    }),
  };
}
