import { createHash } from 'node:crypto';
import type { Notification } from './notification-types.ts';

/** The key that makes publishing the same event twice a no-op: SHA-256 of type, correlation id and title. */
export function defaultIdempotencyKey(notification: Pick<Notification, 'type' | 'correlationId' | 'title'>): string {
  const material = [notification.type, notification.correlationId, notification.title].join('\n');
  return `ntf_${createHash('sha256').update(material).digest('hex').slice(0, 40)}`;
}
