import type { Knex } from 'knex';
import type { NotificationType } from '../config/notifications-schema.ts';

/**
 * What one outbox row stores and its channel renders. `idempotency_key` is the row's own key (the
 * notification's key plus the channel), so a receiver can drop a repeated delivery.
 */
export interface NotificationMessage {
  type: NotificationType;
  correlation_id: string;
  idempotency_key: string;
  /** When the notification was published, ISO 8601. */
  timestamp: string;
  title: string;
  text: string;
  fields: Record<string, string>;
  url: string | null;
}

/** An outbox row as read back. */
export interface OutboxRow {
  id: string;
  idempotency_key: string;
  event_type: NotificationType;
  correlation_id: string;
  channel: string;
  destination: string;
  payload: NotificationMessage;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** A delivery-log row: one send attempt. */
export interface DeliveryRow {
  id: string;
  notification_id: string;
  destination: string;
  correlation_id: string;
  status: 'delivered' | 'retry' | 'failed';
  attempt: number;
  latency_ms: number;
  http_status: number | null;
  error: string | null;
  created_at: Date;
}

/** What one attempt did to its row: delivered, retry at `nextAttemptAt`, or failed for good. */
export interface AttemptRecord {
  delivery: Omit<DeliveryRow, 'created_at'>;
  now: Date;
  nextAttemptAt: Date | null;
}

const INSERT_CHUNK = 500;

/** The SQL of the notification outbox and delivery log; no decisions are made here. */
export function createOutboxStore(knex: Knex) {
  return {
    /** Inserts rows (skipping keys already present) with `db`, the caller's transaction if any; returns the id of every key. */
    async insert(
      db: Knex | Knex.Transaction,
      rows: Array<Omit<OutboxRow, 'status' | 'attempts' | 'last_error' | 'delivered_at'>>,
    ): Promise<Map<string, string>> {
      const ids = new Map<string, string>();
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        const chunk = rows.slice(start, start + INSERT_CHUNK);
        await db('notification_outbox')
          .insert(chunk.map((row) => ({ ...row, payload: JSON.stringify(row.payload), status: 'pending', attempts: 0 })))
          .onConflict('idempotency_key')
          .ignore();
        const stored = await db('notification_outbox')
          .select<Array<{ id: string; idempotency_key: string }>>('id', 'idempotency_key')
          .whereIn(
            'idempotency_key',
            chunk.map((row) => row.idempotency_key),
          );
        for (const row of stored) ids.set(row.idempotency_key, row.id);
      }
      return ids;
    },

    /**
     * Claims up to `limit` due pending rows of the given channels: `FOR UPDATE SKIP LOCKED` lets
     * concurrent dispatchers pass over each other's rows, and moving `next_attempt_at` to
     * `leaseUntil` in the same statement keeps a claimed row away from them after commit too.
     */
    async claimDue(options: { now: Date; leaseUntil: Date; limit: number; channelIds: readonly string[] }): Promise<OutboxRow[]> {
      if (options.channelIds.length === 0 || options.limit <= 0) return [];
      const channels = options.channelIds.map(() => '?').join(', ');
      const { rows } = await knex.raw<{ rows: OutboxRow[] }>(
        `UPDATE notification_outbox AS o SET attempts = o.attempts + 1, next_attempt_at = ?
         FROM (SELECT id FROM notification_outbox
               WHERE status = 'pending' AND next_attempt_at <= ? AND channel IN (${channels})
               ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) AS due
         WHERE o.id = due.id
         RETURNING o.*`,
        [options.leaseUntil, options.now, ...options.channelIds, options.limit],
      );
      return rows;
    },

    /**
     * Logs one attempt and applies its outcome in one statement. The row changes only if this
     * attempt is still its latest claim, so a dispatcher that overran its lease cannot undo a newer
     * outcome. Returns whether the row changed.
     */
    async recordAttempt({ delivery, now, nextAttemptAt }: AttemptRecord): Promise<boolean> {
      const status = delivery.status === 'retry' ? 'pending' : delivery.status;
      const { rows } = await knex.raw<{ rows: unknown[] }>(
        `WITH logged AS (
           INSERT INTO notification_deliveries (id, notification_id, destination, correlation_id, status, attempt, latency_ms, http_status, error, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))
         UPDATE notification_outbox SET status = ?, delivered_at = ?::timestamptz, next_attempt_at = COALESCE(?::timestamptz, next_attempt_at), last_error = ?
         WHERE id = ? AND attempts = ? AND status = 'pending'
         RETURNING id`,
        [
          delivery.id,
          delivery.notification_id,
          delivery.destination,
          delivery.correlation_id,
          delivery.status,
          delivery.attempt,
          delivery.latency_ms,
          delivery.http_status,
          delivery.error,
          now,
          status,
          delivery.status === 'delivered' ? now : null,
          nextAttemptAt,
          delivery.error,
          delivery.notification_id,
          delivery.attempt,
        ],
      );
      return rows.length > 0;
    },

    /** Rows whose id or idempotency key is `key`, or whose key is `key/<channel>`; oldest first. */
    async find(key: string): Promise<OutboxRow[]> {
      return knex('notification_outbox')
        .select<OutboxRow[]>('*')
        .where('id', key)
        .orWhere('idempotency_key', key)
        .orWhereRaw('starts_with(idempotency_key, ?)', [`${key}/`])
        .orderBy([{ column: 'created_at' }, { column: 'channel' }]);
    },

    /** The delivery log of the given notifications, in attempt order. */
    async deliveries(notificationIds: readonly string[]): Promise<DeliveryRow[]> {
      if (notificationIds.length === 0) return [];
      return knex('notification_deliveries')
        .select<DeliveryRow[]>('*')
        .whereIn('notification_id', notificationIds)
        .orderBy([{ column: 'notification_id' }, { column: 'attempt' }]);
    },
  };
}

/** The outbox store. */
export type OutboxStore = ReturnType<typeof createOutboxStore>;
