import { createHmac } from 'node:crypto';

/** GitHub's `X-Hub-Signature-256` of a delivery: HMAC-SHA256 of the exact body bytes, as `sha256=<hex>`. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Options of `sendWebhook`. */
export interface SendWebhookOptions {
  /** The webhook URL, e.g. `http://127.0.0.1:3000/api/github/webhooks`. */
  url: string;
  secret: string;
  /** `X-GitHub-Event`, e.g. `issue_comment`. */
  event: string;
  /** `X-GitHub-Delivery`. */
  id: string;
  /** An object is sent as JSON; a string is sent as it is (malformed bodies). */
  payload: unknown;
  /** Overrides the computed signature (a wrong one, for the refusal tests). */
  signature?: string;
  /** More headers, e.g. a W3C `traceparent` a proxy in front of aos would send. */
  headers?: Record<string, string>;
}

/** Delivers a webhook the way GitHub does: JSON body, event, delivery id and signature headers. */
export async function sendWebhook(options: SendWebhookOptions): Promise<{ status: number; body: string }> {
  const body = typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload);
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'GitHub-Hookshot/e2e',
      'X-GitHub-Event': options.event,
      'X-GitHub-Delivery': options.id,
      'X-Hub-Signature-256': options.signature ?? signWebhook(options.secret, body),
      ...options.headers,
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}
