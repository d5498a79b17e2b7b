import { createHmac } from 'node:crypto';

/** `sha256=<hex>`: HMAC-SHA256 with `secret` over `<timestamp>.<body>` (timestamp in unix seconds). */
export function signWebhookBody(options: { body: string; timestamp: number | string; secret: string }): string {
  const hmac = createHmac('sha256', options.secret).update(`${options.timestamp}.${options.body}`).digest('hex');
  return `sha256=${hmac}`;
}
