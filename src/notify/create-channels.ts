import type { AosEnv } from '../config/env-schema.ts';
import { ConfigError } from '../config/config-error.ts';
import { createEmailChannel } from './create-email-channel.ts';
import { createSlackChannel } from './create-slack-channel.ts';
import { createWebhookChannel } from './create-webhook-channel.ts';
import type { NotificationChannel } from './notification-types.ts';

/** The environment values the channels are built from. */
export type ChannelEnv = Partial<
  Pick<AosEnv, 'AOS_SLACK_WEBHOOK_URL' | 'AOS_NOTIFY_WEBHOOK_URLS' | 'AOS_NOTIFY_SIGNING_SECRET' | 'AOS_SMTP_URL' | 'AOS_ALERT_EMAIL'>
>;

/** Where budget alerts go inside a channel: the `destination`s of policies/finops.yaml alerts.channels. */
export interface AlertDestinations {
  /** Slack channel name of budget alerts. */
  slack?: string | undefined;
  /** E-mail recipient of budget alerts; also the recipient of other e-mail when AOS_ALERT_EMAIL is unset. */
  email?: string | undefined;
}

/**
 * The notification channels the environment configures: Slack, one per webhook URL, e-mail. No
 * I/O happens here. Half a configuration (webhooks without a signing secret, SMTP without a
 * recipient or the reverse) is a ConfigError rather than a silently missing channel. Budget
 * alerts go to `alertDestinations` inside their channel.
 */
export function createChannels(
  env: ChannelEnv,
  options: { timeoutMs?: number; alertDestinations?: AlertDestinations } = {},
): NotificationChannel[] {
  const destinations = options.alertDestinations ?? {};
  const recipient = env.AOS_ALERT_EMAIL ?? destinations.email;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const problems: Array<{ path: string; problem: string }> = [];
  const webhookUrls = env.AOS_NOTIFY_WEBHOOK_URLS ?? [];
  if (webhookUrls.length > 0 && !env.AOS_NOTIFY_SIGNING_SECRET) {
    problems.push({
      path: 'AOS_NOTIFY_SIGNING_SECRET',
      problem: 'must be set when AOS_NOTIFY_WEBHOOK_URLS is, since every webhook is signed',
    });
  }
  if (env.AOS_SMTP_URL && !recipient)
    problems.push({
      path: 'AOS_ALERT_EMAIL',
      problem:
        'must be set when AOS_SMTP_URL is (or an email destination under alerts.channels in policies/finops.yaml): it is the recipient',
    });
  if (env.AOS_ALERT_EMAIL && !env.AOS_SMTP_URL)
    problems.push({ path: 'AOS_SMTP_URL', problem: 'must be set when AOS_ALERT_EMAIL is: it is the server that sends the mail' });
  if (problems.length > 0) throw new ConfigError(problems.map((problem) => ({ file: 'environment', ...problem })));

  const channels: NotificationChannel[] = [];
  if (env.AOS_SLACK_WEBHOOK_URL)
    channels.push(createSlackChannel({ webhookUrl: env.AOS_SLACK_WEBHOOK_URL, timeoutMs, alertChannel: destinations.slack }));
  const seen = new Set<string>();
  for (const url of webhookUrls) {
    if (seen.has(url)) continue;
    seen.add(url);
    channels.push(createWebhookChannel({ url, secret: env.AOS_NOTIFY_SIGNING_SECRET!, timeoutMs }));
  }
  if (env.AOS_SMTP_URL && recipient)
    channels.push(createEmailChannel({ smtpUrl: env.AOS_SMTP_URL, to: recipient, alertTo: destinations.email, timeoutMs }));
  return channels;
}
