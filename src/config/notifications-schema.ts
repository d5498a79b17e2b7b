import { z } from 'zod';

/** Every event aos notifies about; the only values of a notification's `type`. */
export const NOTIFICATION_TYPES = [
  'run.finished',
  'run.failed',
  'budget.threshold',
  'budget.forecast',
  'residency.violation',
  'package_reality.failed',
] as const;

/** Kinds of notification channel; each needs its environment variables to be configured. */
export const CHANNEL_KINDS = ['slack', 'webhook', 'email'] as const;

const channelKindSchema = z.enum(CHANNEL_KINDS);

/**
 * Notification routing and delivery settings. Event types left out of `routes` keep their default:
 * run events → slack + webhook; budget alerts → `policies/finops.yaml` alerts.channels + webhook;
 * residency and package-reality failures → every channel.
 */
export const notificationsSchema = z.strictObject({
  routes: z
    .partialRecord(z.enum(NOTIFICATION_TYPES), z.array(channelKindSchema))
    .default({})
    .describe(
      'Per event type, the channel kinds (slack, webhook, email) it goes to; an empty list silences it. residency.violation is silent anyway when configs/vendor_residency.yaml has enforcement.alert_on_violation: false.',
    ),
  max_attempts: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(8)
    .describe('Send attempts before a notification is marked failed; failed ones are kept.'),
  base_delay_ms: z.number().int().min(0).default(500).describe('First retry delay in ms; doubles per attempt, with full jitter.'),
  max_delay_ms: z.number().int().min(0).default(60_000).describe('Longest retry delay in ms.'),
  timeout_ms: z.number().int().min(100).max(60_000).default(10_000).describe('Timeout of one HTTP or SMTP send, in ms.'),
});

/** The validated notification settings. */
export type NotificationsConfig = z.output<typeof notificationsSchema>;

/** An event type a notification can have. */
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** A kind of channel. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
