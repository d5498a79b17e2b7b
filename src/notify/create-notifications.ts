import type { Knex } from 'knex';
import { loadNotificationsConfig, type AosConfig, type AosEnv } from '../config/index.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { AlertSink } from '../state/budget/budget-alerts.ts';
import { createAlertSink } from './create-alert-sink.ts';
import { createChannels } from './create-channels.ts';
import { createNotificationPublisher } from './create-notification-publisher.ts';
import type { Notification } from './notification-types.ts';
import { resolveNotificationRouting } from './resolve-notification-routing.ts';

/**
 * The notification side of a process: channels from the environment, the outbox publisher, its
 * dispatcher (only when a channel is configured), and the budget alert sink. With no channel,
 * notifications are not stored at all and alerts are still logged and kept in `budget_alerts`.
 */
export function createNotifications(options: { env: AosEnv; config: AosConfig; knex: Knex; logger: Logger; metrics: Metrics }): {
  notify?: (notification: Notification) => Promise<void>;
  alerts?: AlertSink;
  stop(): Promise<void>;
} {
  // Loaded even with no channel, so a broken file stops start-up like every other config file.
  const settings = loadNotificationsConfig(options.env.AOS_CONFIG_DIR);
  const { alerts } = options.config.finops;
  const destination = (type: string) => alerts.channels.find((channel) => channel.type === type)?.destination;
  const channels = createChannels(options.env, {
    timeoutMs: settings.timeout_ms,
    alertDestinations: { slack: destination('slack'), email: destination('email') },
  });
  if (channels.length === 0) {
    options.logger.info('notifications are off: no channel configured (AOS_SLACK_WEBHOOK_URL, AOS_NOTIFY_WEBHOOK_URLS, AOS_SMTP_URL)');
    return { stop: async () => undefined };
  }
  const publisher = createNotificationPublisher({
    knex: options.knex,
    channels,
    routing: resolveNotificationRouting({
      routes: settings.routes,
      budgetChannels: alerts.channels.map((channel) => channel.type),
      residencyAlerts: options.config.residency.enforcement.alert_on_violation,
    }),
    logger: options.logger,
    metrics: options.metrics,
    maxAttempts: settings.max_attempts,
    baseDelayMs: settings.base_delay_ms,
    maxDelayMs: settings.max_delay_ms,
  });
  const dispatcher = publisher.startDispatcher({ intervalMs: 2000 });
  options.logger.info(`notifications: ${channels.map((channel) => channel.kind).join(', ')}`);
  return {
    notify: async (notification) => {
      await publisher.publish(notification);
    },
    alerts: createAlertSink(publisher),
    stop: () => dispatcher.stop(),
  };
}
