import type { NotificationChannel } from './notification-types.ts';
import { postJson } from './post-json.ts';
import { slackMessage } from './slack-message.ts';

/**
 * The Slack incoming-webhook channel. The URL is the credential, so only its host is ever used as
 * the destination label.
 */
export function createSlackChannel(options: { webhookUrl: string; timeoutMs: number }): NotificationChannel {
  const destination = new URL(options.webhookUrl).host;
  return {
    id: 'slack',
    kind: 'slack',
    destination,
    send: (message) =>
      postJson({ url: options.webhookUrl, body: JSON.stringify(slackMessage(message)), timeoutMs: options.timeoutMs, destination, headers: { 'x-aos-idempotency-key': message.idempotency_key } }),
  };
}
