import { z } from 'zod';

/** Slack channel names and member ids as Slack writes them: `#finops-alerts`, `finops-alerts`, `@user`, `C0123ABCD`. */
const SLACK_CHANNEL = /^[#@]?[a-z0-9][a-z0-9._-]{0,79}$/i;

/** One place alerts go. */
const channelSchema = z
  .strictObject({
    type: z
      .enum(['slack', 'email', 'webhook'])
      .describe('Channel kind: slack (AOS_SLACK_WEBHOOK_URL), email (AOS_SMTP_URL) or webhook (AOS_NOTIFY_WEBHOOK_URLS).'),
    destination: z
      .string()
      .min(1)
      .optional()
      .describe(
        "slack: the channel name (#finops-alerts), sent as the Slack message's channel. email: the recipient address of budget alerts (instead of AOS_ALERT_EMAIL). webhook: not allowed, the URLs are AOS_NOTIFY_WEBHOOK_URLS.",
      ),
  })
  .superRefine((channel, ctx) => {
    const { type, destination } = channel;
    if (destination === undefined) return;
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['destination'], message });
    if (type === 'webhook') bad('a webhook has no destination here: its URLs come from AOS_NOTIFY_WEBHOOK_URLS');
    else if (type === 'slack' && !SLACK_CHANNEL.test(destination)) bad('must be a Slack channel name such as #finops-alerts');
    else if (type === 'email' && !z.email().safeParse(destination).success) bad('must be an e-mail address');
  });

/** When and where spending alerts go. */
export const alertsSchema = z.strictObject({
  threshold_percent: z
    .number()
    .gt(0, 'threshold_percent must be greater than 0')
    .max(100, 'threshold_percent must be at most 100')
    .describe('Percentage of a cap at which an alert is sent: 80 = when 80 % of a daily, monthly or run cap is spent.'),
  channels: z
    .array(channelSchema)
    .default([])
    .superRefine((channels, ctx) => {
      const seen = new Set<string>();
      channels.forEach((channel, index) => {
        if (seen.has(channel.type))
          ctx.addIssue({
            code: 'custom',
            path: [index, 'type'],
            message: `${channel.type} is listed twice; give one destination per channel type`,
          });
        seen.add(channel.type);
      });
    })
    .describe(
      'Where alerts go, as {type, destination}; each kind also needs its environment variables. Empty: alerts are only logged and stored.',
    ),
  burn_rate_forecast: z
    .boolean()
    .default(true)
    .describe('aos: also alert when the current burn rate projects spending past the monthly cap before the month ends.'),
});

/** The validated alerts block. */
export type AlertsConfig = z.output<typeof alertsSchema>;

/** One alert channel. */
export type AlertChannel = AlertsConfig['channels'][number];
