import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { backoffDelay } from '../lib/backoff-delay.ts';
import { AosError } from '../observability/aos-error.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { redactSecrets } from '../observability/redact.ts';
import { defaultIdempotencyKey } from './default-idempotency-key.ts';
import { notificationSchema } from './notification-schema.ts';
import type { Notification, NotificationChannel, NotificationMessage, SendOutcome } from './notification-types.ts';
import { createOutboxStore, type OutboxRow } from '../state/outbox-store.ts';
import type { NotificationRouting } from './resolve-notification-routing.ts';
import { startDispatcher, type Dispatcher } from './start-dispatcher.ts';
import { toDeliveryStatus, type NotificationDeliveryStatus } from './to-delivery-status.ts';

/** Options of {@link createNotificationPublisher}. */
export interface NotificationPublisherOptions {
  knex: Knex;
  channels: readonly NotificationChannel[];
  /** Which channel kinds each event type goes to; default every channel for every event. */
  routing?: NotificationRouting;
  logger: Logger;
  metrics: Pick<Metrics, 'notificationDeliveries' | 'notificationFailures' | 'notificationSendDuration'>;
  now?: () => Date;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Attempts before a notification is marked failed; default 8. */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt, full jitter; default 500 ms. */
  baseDelayMs?: number;
  /** Longest retry delay; default 60 s. */
  maxDelayMs?: number;
  /** How long a claimed row is hidden from other dispatchers; longer than any send timeout. Default 120 s. */
  leaseMs?: number;
}

/** What publishing one notification stored. */
export interface PublishResult {
  /** The notification's key (given or defaulted); `getDeliveryStatus` accepts it. */
  idempotencyKey: string;
  /** One outbox row id per channel the event is routed to. */
  ids: string[];
}

/** Counts of one `deliverDue` round. */
export interface DeliverDueResult {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

const errorText = (error: string) => redactSecrets(error).slice(0, 1000);

/**
 * The notification publisher: a transactional outbox with one row per event and channel, and the
 * dispatcher that delivers it with retries, exponential backoff with full jitter, and a delivery
 * log. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so any number of dispatchers on any number
 * of processes send each notification once.
 */
export function createNotificationPublisher(options: NotificationPublisherOptions) {
  const { knex, logger, metrics } = options;
  const clock = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 120_000;
  const store = createOutboxStore(knex);
  const channelsById = new Map(options.channels.map((channel) => [channel.id, channel]));
  const dispatchers = new Set<Dispatcher>();

  const channelsFor = (type: Notification['type']): NotificationChannel[] => {
    const kinds = options.routing?.[type];
    return options.channels.filter((channel) => kinds === undefined || kinds.includes(channel.kind));
  };

  const wakeDispatchers = () => {
    for (const dispatcher of dispatchers) dispatcher.wake();
  };

  async function publishBatch(
    notifications: readonly Notification[],
    publishOptions: { trx?: Knex.Transaction } = {},
  ): Promise<PublishResult[]> {
    const createdAt = clock();
    const planned = notifications.map((notification) => {
      const parsed = notificationSchema.safeParse(notification);
      if (!parsed.success)
        throw new AosError(
          'notification_invalid',
          `Notification rejected: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'notification'}: ${issue.message}`).join('; ')}`,
        );
      const idempotencyKey = notification.idempotencyKey ?? defaultIdempotencyKey(notification);
      const rows = channelsFor(notification.type).map((channel) => {
        const key = `${idempotencyKey}/${channel.id}`;
        const payload: NotificationMessage = {
          type: notification.type,
          correlation_id: notification.correlationId,
          idempotency_key: key,
          timestamp: createdAt.toISOString(),
          title: notification.title,
          text: notification.text,
          fields: notification.fields ?? {},
          url: notification.url ?? null,
        };
        return {
          id: randomUUID(),
          idempotency_key: key,
          event_type: notification.type,
          correlation_id: notification.correlationId,
          channel: channel.id,
          destination: channel.destination,
          payload,
          next_attempt_at: createdAt,
          created_at: createdAt,
        };
      });
      return { idempotencyKey, rows };
    });
    const ids = await store.insert(
      publishOptions.trx ?? knex,
      planned.flatMap((plan) => plan.rows),
    );
    // With the caller's transaction the rows become visible at its commit, not now.
    if (publishOptions.trx) void publishOptions.trx.executionPromise?.then(wakeDispatchers, () => undefined);
    else wakeDispatchers();
    return planned.map((plan) => ({
      idempotencyKey: plan.idempotencyKey,
      ids: plan.rows.map((row) => ids.get(row.idempotency_key)).filter((id) => id !== undefined),
    }));
  }

  async function deliverOne(row: OutboxRow, channel: NotificationChannel): Promise<'delivered' | 'retry' | 'failed'> {
    const started = performance.now();
    let outcome: SendOutcome;
    try {
      outcome = await channel.send(row.payload);
    } catch (error) {
      outcome = { status: 'retry', error: `${channel.destination}: ${error instanceof Error ? error.message : String(error)}` };
    }
    const latencyMs = performance.now() - started;
    const attempt = row.attempts;
    const exhausted = outcome.status === 'retry' && attempt >= maxAttempts;
    const status = exhausted ? 'failed' : outcome.status;
    const now = clock();
    const retryAfterMs = outcome.status === 'retry' ? outcome.retryAfterMs : undefined;
    // Full jitter in whole milliseconds, never shorter than the receiver's Retry-After, up to the cap.
    const nextAttemptAt =
      status === 'retry'
        ? new Date(
            now.getTime() +
              Math.floor(backoffDelay({ attempt, baseMs: baseDelayMs, maxMs: maxDelayMs, jitter: 'full', random, retryAfterMs })),
          )
        : null;
    const error = outcome.status === 'delivered' ? null : errorText(outcome.error);
    await store.recordAttempt({
      delivery: {
        id: randomUUID(),
        notification_id: row.id,
        destination: row.destination,
        correlation_id: row.correlation_id,
        status,
        attempt,
        latency_ms: Math.round(latencyMs),
        http_status: outcome.httpStatus ?? null,
        error,
      },
      now,
      nextAttemptAt,
    });
    metrics.notificationDeliveries.inc({ channel: channel.kind, status });
    metrics.notificationSendDuration.observe({ channel: channel.kind }, latencyMs / 1000);
    const context = {
      correlation_id: row.correlation_id,
      notification_id: row.id,
      event: row.event_type,
      channel: channel.kind,
      destination: row.destination,
      attempt,
    };
    if (status === 'delivered') logger.info(context, 'notification delivered');
    else if (status === 'retry')
      logger.warn({ ...context, error, next_attempt_at: nextAttemptAt?.toISOString() }, 'notification send failed; will retry');
    else {
      metrics.notificationFailures.inc({ channel: channel.kind, reason: exhausted ? 'exhausted' : 'permanent' });
      logger.error(
        { ...context, error },
        exhausted
          ? `notification failed after ${attempt} attempts; kept in the outbox as failed`
          : 'notification rejected by its receiver; kept in the outbox as failed',
      );
    }
    return status;
  }

  async function deliverDue(deliverOptions: { limit?: number } = {}): Promise<DeliverDueResult> {
    const now = clock();
    const rows = await store.claimDue({
      now,
      leaseUntil: new Date(now.getTime() + leaseMs),
      limit: deliverOptions.limit ?? 50,
      channelIds: [...channelsById.keys()],
    });
    const result: DeliverDueResult = { claimed: rows.length, delivered: 0, retried: 0, failed: 0 };
    const outcomes = await Promise.all(rows.map((row) => deliverOne(row, channelsById.get(row.channel)!)));
    for (const status of outcomes) {
      if (status === 'delivered') result.delivered += 1;
      else if (status === 'retry') result.retried += 1;
      else result.failed += 1;
    }
    return result;
  }

  return {
    /** Stores one outbox row per routed channel, inside `trx` when given, so the event and its notification commit together. */
    publish: async (notification: Notification, publishOptions: { trx?: Knex.Transaction } = {}): Promise<PublishResult> =>
      (await publishBatch([notification], publishOptions))[0]!,
    /** {@link publish} for many notifications in one round trip per 500 rows. */
    publishBatch,
    /** Every outbox row of a row id or of a notification's idempotency key, with its delivery log; [] when unknown. */
    async getDeliveryStatus(idOrKey: string): Promise<NotificationDeliveryStatus[]> {
      const rows = await store.find(idOrKey);
      const deliveries = await store.deliveries(rows.map((row) => row.id));
      return rows.map((row) => toDeliveryStatus(row, deliveries));
    },
    /** Claims due notifications (up to `limit`, default 50), sends them, logs each attempt, and marks or reschedules them. */
    deliverDue,
    /** Polls the outbox every `intervalMs` (and at once after a publish from this process) until `stop()`. */
    startDispatcher(dispatchOptions: { intervalMs: number; limit?: number }): Dispatcher {
      const dispatcher = startDispatcher({
        deliverDue,
        logger,
        intervalMs: dispatchOptions.intervalMs,
        limit: dispatchOptions.limit ?? 50,
      });
      dispatchers.add(dispatcher);
      return {
        wake: dispatcher.wake,
        stop: async () => {
          dispatchers.delete(dispatcher);
          await dispatcher.stop();
        },
      };
    },
  };
}

/** The notification publisher. */
export type NotificationPublisher = ReturnType<typeof createNotificationPublisher>;
