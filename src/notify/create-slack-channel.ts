import type { NotificationChannel } from './notification-types.ts';
import { postJson } from './post-json.ts';
import { slackMessage } from './slack-message.ts';

/** Budget alerts are the events `alerts.channels` of policies/finops.yaml gives a destination for. */
const isBudgetAlert = (type: string) => type.startsWith('budget.');

/**
 * The Slack incoming-webhook channel. The URL is the credential, so only its host is ever used as
 * the destination label. `alertChannel` (the Slack destination of policies/finops.yaml alerts) is
 * sent as the `channel` of budget alerts; Slack honours it for webhooks that may post to other
 * channels, and an app's webhook posts to its own channel whatever it says.
 */
export function createSlackChannel(options: {
  webhookUrl: string;
  timeoutMs: number;
  alertChannel?: string | undefined;
}): NotificationChannel {
  const destination = new URL(options.webhookUrl).host;
  const body = (message: Parameters<NotificationChannel['send']>[0]) => {
    const payload = slackMessage(message);
    return options.alertChannel !== undefined && isBudgetAlert(message.type) ? { ...payload, channel: options.alertChannel } : payload;
  };
  return {
    id: 'slack',
    kind: 'slack',
    destination,
    send: (message) =>
      postJson({
        url: options.webhookUrl,
        body: JSON.stringify(body(message)),
        timeoutMs: options.timeoutMs,
        destination,
        headers: { 'x-aos-idempotency-key': message.idempotency_key },
      }),
  };
}
