import { describe, expect, it } from 'vitest';
import { notificationsSchema } from '#src/config/notifications-schema.ts';
import { resolveNotificationRouting } from '#src/notify/resolve-notification-routing.ts';

describe('resolveNotificationRouting', () => {
  it('defaults: run events to slack and webhooks, budget alerts to the finops channels plus webhooks, failures everywhere', () => {
    const routing = resolveNotificationRouting({ budgetChannels: ['slack', 'email'] });
    expect(routing['run.finished']).toEqual(['slack', 'webhook']);
    expect(routing['run.failed']).toEqual(['slack', 'webhook']);
    expect(routing['budget.threshold']).toEqual(['slack', 'email', 'webhook']);
    expect(routing['budget.forecast']).toEqual(['slack', 'email', 'webhook']);
    expect(routing['residency.violation']).toEqual(['slack', 'webhook', 'email']);
    expect(routing['package_reality.failed']).toEqual(['slack', 'webhook', 'email']);
  });

  it('lets configured routes replace the default of their event type only', () => {
    const config = notificationsSchema.parse({ routes: { 'run.finished': [], 'budget.forecast': ['email'] } });
    const routing = resolveNotificationRouting({ routes: config.routes, budgetChannels: ['webhook'] });
    expect(routing['run.finished']).toEqual([]);
    expect(routing['budget.forecast']).toEqual(['email']);
    expect(routing['budget.threshold']).toEqual(['webhook']);
  });

  it('rejects an unknown event type or channel in the configuration', () => {
    expect(notificationsSchema.safeParse({ routes: { 'run.started': ['slack'] } }).success).toBe(false);
    expect(notificationsSchema.safeParse({ routes: { 'run.failed': ['pager'] } }).success).toBe(false);
    expect(notificationsSchema.parse({})).toMatchObject({ max_attempts: 8, base_delay_ms: 500, max_delay_ms: 60_000 });
  });
});
