import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { createRunMetrics } from './create-run-metrics.ts';
import { createScrapeGauges } from './create-scrape-gauges.ts';
import { createZeroedCounter } from './create-zeroed-counter.ts';
import { GITHUB_REQUEST_KINDS } from '../lib/github-request-kind.ts';

/** Options of `createMetrics`. */
export interface CreateMetricsOptions {
  /** Registry to register into; default a fresh one, so tests and processes never share state. */
  registry?: Registry;
  /** Prefix of every metric name; default `aos_`. */
  prefix?: string;
}

/** Outcomes of a cache lookup; the only values of the `result` label. */
export const CACHE_RESULTS = ['hit', 'miss', 'error'] as const;

/** State repository operations; the only values of the `operation` label. */
export const STATE_OPERATIONS = ['save', 'get', 'delete'] as const;

/** Notification channel kinds; the only values of the `channel` label. */
export const NOTIFICATION_CHANNELS = ['slack', 'webhook', 'email'] as const;

/** Outcomes of one notification send attempt; the only values of the `status` label. */
export const NOTIFICATION_ATTEMPT_STATUSES = ['delivered', 'retry', 'failed'] as const;

/** Why a notification ended failed; the only values of the `reason` label. */
export const NOTIFICATION_FAILURE_REASONS = ['permanent', 'exhausted'] as const;

// Webhook and Slack round trips take tens of milliseconds; SMTP and slow receivers up to the timeout.
const NOTIFICATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Redis round trips sit in the low milliseconds, PostgreSQL transactions in the tens.
const STATE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Creates the Prometheus metrics of aos in `registry`. Labels are closed sets (see
 * `CACHE_RESULTS`, `STATE_OPERATIONS`) so cardinality cannot grow with traffic. Creating twice
 * into the same registry throws, as prom-client refuses duplicate names.
 */
export function createMetrics(options: CreateMetricsOptions = {}) {
  const registry = options.registry ?? new Registry();
  const prefix = options.prefix ?? 'aos_';
  const registers = [registry];

  // Zero series exist from the start, so rates and ratios are defined before the first lookup.
  const cacheRequests = createZeroedCounter(
    {
      name: `${prefix}cache_requests_total`,
      help: 'Cache lookups, by result: hit, miss, or error (Redis failed and PostgreSQL answered).',
      labelNames: ['result'] as const,
      registers,
    },
    CACHE_RESULTS,
  );

  const stateOperations = new Histogram({
    name: `${prefix}state_operation_duration_seconds`,
    help: 'Duration of state repository operations (save, get, delete), in seconds.',
    labelNames: ['operation'] as const,
    buckets: STATE_BUCKETS,
    registers,
  });

  const notificationDeliveries = new Counter({
    name: `${prefix}notification_deliveries_total`,
    help: 'Notification send attempts, by channel (slack, webhook, email) and status (delivered, retry, failed).',
    labelNames: ['channel', 'status'] as const,
    registers,
  });
  const notificationFailures = new Counter({
    name: `${prefix}notification_failures_total`,
    help: 'Notifications that ended failed, by channel and reason: permanent (rejected) or exhausted (out of attempts).',
    labelNames: ['channel', 'reason'] as const,
    registers,
  });
  for (const channel of NOTIFICATION_CHANNELS) {
    for (const status of NOTIFICATION_ATTEMPT_STATUSES) notificationDeliveries.inc({ channel, status }, 0);
    for (const reason of NOTIFICATION_FAILURE_REASONS) notificationFailures.inc({ channel, reason }, 0);
  }
  const notificationSendDuration = new Histogram({
    name: `${prefix}notification_send_duration_seconds`,
    help: 'Duration of one notification send attempt, by channel, in seconds.',
    labelNames: ['channel'] as const,
    buckets: NOTIFICATION_BUCKETS,
    registers,
  });

  return {
    registry,
    cacheRequests,
    redisOutages: new Counter({
      name: `${prefix}redis_outages_total`,
      help: 'Times Redis became unreachable and aos fell back to running without cache.',
      registers,
    }),
    redisOutageActive: new Gauge({
      name: `${prefix}redis_outage_active`,
      help: '1 while Redis is unreachable and aos runs without cache, else 0.',
      registers,
    }),
    stateOperations,
    stateIntegrityFailures: new Counter({
      name: `${prefix}state_integrity_failures_total`,
      help: 'Stored states whose payload no longer matched its recorded SHA-256 hash.',
      registers,
    }),
    ledgerAppends: new Counter({
      name: `${prefix}ledger_appends_total`,
      help: 'Events appended to the hash-chained ledger.',
      registers,
    }),
    ledgerIntegrityFailures: new Counter({
      name: `${prefix}ledger_integrity_failures_total`,
      help: 'Problems found by ledger verification: edited, deleted or reordered events.',
      registers,
    }),
    notificationDeliveries,
    notificationFailures,
    notificationSendDuration,
    githubRequests: createZeroedCounter(
      {
        name: `${prefix}github_requests_total`,
        help: 'GitHub API requests made by the workers, by kind (archive, git, contents, issues, pulls, checks, …).',
        labelNames: ['kind'] as const,
        registers,
      },
      GITHUB_REQUEST_KINDS,
    ),
    // Runs, nodes, model calls, residency, circuit breakers, check runs and webhook acknowledgement.
    ...createRunMetrics(registry, prefix),
    // Read at scrape time: budget, forecast, queue and circuit states.
    ...createScrapeGauges(registry, prefix),
  };
}

/** The metrics object every module receives through its dependencies. */
export type Metrics = ReturnType<typeof createMetrics>;
