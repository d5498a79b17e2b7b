export { createAlertSink } from './create-alert-sink.ts';
export { createChannels, type ChannelEnv } from './create-channels.ts';
export { createEmailChannel } from './create-email-channel.ts';
export {
  createNotificationPublisher,
  type DeliverDueResult,
  type NotificationPublisher,
  type NotificationPublisherOptions,
  type PublishResult,
} from './create-notification-publisher.ts';
export { createSlackChannel } from './create-slack-channel.ts';
export { createWebhookChannel } from './create-webhook-channel.ts';
export { defaultIdempotencyKey } from './default-idempotency-key.ts';
export type { Notification, NotificationChannel, NotificationMessage, SendOutcome } from './notification-types.ts';
export { resolveNotificationRouting, type NotificationRouting } from './resolve-notification-routing.ts';
export { signWebhookBody } from './sign-webhook-body.ts';
export { slackMessage } from './slack-message.ts';
export type { Dispatcher } from './start-dispatcher.ts';
export type { DeliveryAttempt, NotificationDeliveryStatus } from './to-delivery-status.ts';
export { verifyWebhookSignature, type WebhookSignatureCheck } from './verify-webhook-signature.ts';
