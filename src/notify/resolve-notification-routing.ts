import {
  CHANNEL_KINDS,
  NOTIFICATION_TYPES,
  type ChannelKind,
  type NotificationType,
  type NotificationsConfig,
} from '../config/notifications-schema.ts';

/** For each event type, the channel kinds it goes to. */
export type NotificationRouting = Record<NotificationType, readonly ChannelKind[]>;

/**
 * The routing in force: `routes` where set, else the defaults — run events to Slack and webhooks,
 * budget alerts to `budgetChannels` (finops.yaml alerts.channels) plus webhooks, residency and
 * package-reality failures everywhere. `residencyAlerts: false` (vendor_residency.yaml
 * enforcement.alert_on_violation) silences residency violations whatever `routes` says.
 */
export function resolveNotificationRouting(options: {
  routes?: NotificationsConfig['routes'];
  budgetChannels: readonly ChannelKind[];
  residencyAlerts?: boolean;
}): NotificationRouting {
  const budget: ChannelKind[] = [...new Set<ChannelKind>([...options.budgetChannels, 'webhook'])];
  const defaults: NotificationRouting = {
    'run.finished': ['slack', 'webhook'],
    'run.failed': ['slack', 'webhook'],
    'budget.threshold': budget,
    'budget.forecast': budget,
    'residency.violation': CHANNEL_KINDS,
    'package_reality.failed': CHANNEL_KINDS,
  };
  const routing = { ...defaults };
  for (const type of NOTIFICATION_TYPES) {
    const route = options.routes?.[type];
    if (route) routing[type] = [...new Set(route)];
  }
  if (options.residencyAlerts === false) routing['residency.violation'] = [];
  return routing;
}
