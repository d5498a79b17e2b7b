import { createHash } from 'node:crypto';
import type { NotificationChannel } from './notification-types.ts';
import { postJson } from './post-json.ts';
import { signWebhookBody } from './sign-webhook-body.ts';

/** Options of {@link createWebhookChannel}. */
export interface WebhookChannelOptions {
  url: string;
  /** HMAC key; receivers check requests with `verifyWebhookSignature`. */
  secret: string;
  timeoutMs: number;
  /** Clock in milliseconds for the signature timestamp; default `Date.now`. */
  now?: () => number;
}

/**
 * A generic HTTPS webhook receiving the notification as JSON, signed with HMAC-SHA256 over
 * `<timestamp>.<body>` (`X-AOS-Signature: sha256=<hex>`, `X-AOS-Timestamp: <unix seconds>`). The
 * channel id hashes the URL, so it stays the same across restarts without revealing a path token.
 */
export function createWebhookChannel(options: WebhookChannelOptions): NotificationChannel {
  const destination = new URL(options.url).host;
  const now = options.now ?? Date.now;
  return {
    id: `webhook:${createHash('sha256').update(options.url).digest('hex').slice(0, 12)}`,
    kind: 'webhook',
    destination,
    send: (message) => {
      const body = JSON.stringify(message);
      const timestamp = Math.floor(now() / 1000);
      return postJson({
        url: options.url,
        body,
        timeoutMs: options.timeoutMs,
        destination,
        headers: {
          'x-aos-signature': signWebhookBody({ body, timestamp, secret: options.secret }),
          'x-aos-timestamp': String(timestamp),
          'x-aos-idempotency-key': message.idempotency_key,
          'x-aos-correlation-id': message.correlation_id,
          'x-aos-event': message.type,
        },
      });
    },
  };
}
