import type { ChannelKind, NotificationType } from '../config/notifications-schema.ts';

export type { ChannelKind, NotificationType } from '../config/notifications-schema.ts';
import type { NotificationMessage } from '../state/outbox-store.ts';

export type { NotificationMessage };

/** A notification as a caller publishes it. */
export interface Notification {
  type: NotificationType;
  /** The run id or webhook delivery id the event belongs to; carried by every send and log line. */
  correlationId: string;
  title: string;
  text: string;
  /** Short key/value facts shown beside the text (Slack fields, e-mail lines, webhook JSON). */
  fields?: Record<string, string>;
  /** Link to the run page. */
  url?: string;
  /** Deduplicates publishing; default: a hash of type, correlation id and title. */
  idempotencyKey?: string;
}

/** The outcome of one send attempt: delivered, worth retrying, or rejected for good. */
export type SendOutcome =
  | { status: 'delivered'; httpStatus?: number }
  | { status: 'retry'; error: string; httpStatus?: number; retryAfterMs?: number }
  | { status: 'failed'; error: string; httpStatus?: number };

/** A configured destination: Slack, one signed webhook, or e-mail. */
export interface NotificationChannel {
  /** Stable across restarts for the same configuration (stored in the outbox `channel` column); never a secret. */
  id: string;
  kind: ChannelKind;
  /** Non-secret label for logs and the delivery log, such as the webhook's host. */
  destination: string;
  send(message: NotificationMessage): Promise<SendOutcome>;
}
