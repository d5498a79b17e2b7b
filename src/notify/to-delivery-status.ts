import type { ChannelKind, NotificationType } from './notification-types.ts';
import type { DeliveryRow, OutboxRow } from '../state/outbox-store.ts';

/** One delivery attempt as reported by `getDeliveryStatus`. */
export interface DeliveryAttempt {
  attempt: number;
  status: 'delivered' | 'retry' | 'failed';
  latencyMs: number;
  httpStatus: number | null;
  error: string | null;
  at: Date;
}

/** Where one notification to one channel stands. */
export interface NotificationDeliveryStatus {
  id: string;
  idempotencyKey: string;
  type: NotificationType;
  correlationId: string;
  channel: string;
  kind: ChannelKind;
  destination: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  deliveries: DeliveryAttempt[];
}

/** An outbox row and its delivery log as the publisher reports them. */
export function toDeliveryStatus(row: OutboxRow, log: readonly DeliveryRow[]): NotificationDeliveryStatus {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    type: row.event_type,
    correlationId: row.correlation_id,
    channel: row.channel,
    kind: row.channel.split(':')[0] as ChannelKind,
    destination: row.destination,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    deliveries: log
      .filter((entry) => entry.notification_id === row.id)
      .map((entry) => ({
        attempt: entry.attempt,
        status: entry.status,
        latencyMs: entry.latency_ms,
        httpStatus: entry.http_status,
        error: entry.error,
        at: entry.created_at,
      })),
  };
}
