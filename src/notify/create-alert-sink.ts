import type { AlertSink, BudgetAlert } from '../state/budget/budget-alerts.ts';
import type { NotificationPublisher } from './create-notification-publisher.ts';

const PERIOD_NAMES = { day: 'daily', month: 'monthly', run: 'run' } as const;

const euros = (value: unknown) => (typeof value === 'number' ? `€${value.toFixed(2)}` : undefined);

/** The fields shown with a budget alert: scope, period, and the money figures present in its payload. */
function alertFields(alert: BudgetAlert): Record<string, string> {
  const fields: Record<string, string> = {
    Scope: `${alert.scope} ${alert.scopeId}`,
    Period: `${PERIOD_NAMES[alert.period]} (${alert.periodKey})`,
  };
  const figures = {
    Spent: euros(alert.payload.spent),
    Cap: euros(alert.payload.cap),
    'Projected month end': euros(alert.payload.projectedMonthEnd),
  };
  for (const [name, value] of Object.entries(figures)) if (value !== undefined) fields[name] = value;
  if (typeof alert.payload.capReachedAt === 'string') fields['Cap reached at'] = alert.payload.capReachedAt;
  return fields;
}

/**
 * The budget guardian's AlertSink, publishing through the notification outbox. The idempotency key
 * follows the alert's own uniqueness (kind, scope, period), so a repeated alert is stored once.
 */
export function createAlertSink(publisher: Pick<NotificationPublisher, 'publish'>): AlertSink {
  return {
    async publish(alert) {
      const period = PERIOD_NAMES[alert.period];
      await publisher.publish({
        type: alert.kind === 'threshold' ? 'budget.threshold' : 'budget.forecast',
        // A run's own cap belongs to that run; other caps to the counter they guard.
        correlationId: alert.scope === 'run' ? alert.scopeId : `budget:${alert.scope}:${alert.scopeId}:${alert.periodKey}`,
        title:
          alert.kind === 'threshold'
            ? `aos budget: ${alert.scope} ${period} cap threshold reached`
            : `aos budget: ${alert.scope} ${period} cap forecast to be exceeded`,
        text: alert.message,
        fields: alertFields(alert),
        idempotencyKey: `budget.${alert.kind}:${alert.scope}:${alert.scopeId}:${alert.period}:${alert.periodKey}`,
      });
    },
  };
}
