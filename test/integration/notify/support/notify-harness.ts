import type { Knex } from 'knex';
import { createMetrics } from '#src/observability/metrics.ts';
import { createNotificationPublisher, type NotificationPublisherOptions } from '#src/notify/create-notification-publisher.ts';
import { captureLogger } from '../../../helpers/capture-logger.ts';

/** A publisher over `knex` with a capturing logger and fresh metrics; options override the rest. */
export function notifyHarness(knex: Knex, options: Partial<NotificationPublisherOptions> & Pick<NotificationPublisherOptions, 'channels'>) {
  const { logger, lines } = captureLogger();
  const metrics = createMetrics();
  const publisher = createNotificationPublisher({ knex, logger, metrics, ...options });
  return { publisher, metrics, lines };
}

/** Counts of a counter's series matching `labels`. */
export async function counterValue(
  counter: { get(): Promise<{ values: Array<{ labels: Record<string, unknown>; value: number }> }> },
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((value) => Object.entries(labels).every(([name, label]) => value.labels[name] === label))
    .reduce((sum, value) => sum + value.value, 0);
}

/** Runs `deliverDue` until no pending row is left (or `rounds` is exhausted), sleeping briefly between empty rounds. */
export async function drainOutbox(
  knex: Knex,
  deliverDue: (options: { limit: number }) => Promise<{ claimed: number }>,
  rounds = 10_000,
): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    const { claimed } = await deliverDue({ limit: 100 });
    if (claimed > 0) continue;
    const [{ pending }] = (await knex('notification_outbox').where({ status: 'pending' }).count({ pending: '*' })) as [
      { pending: number | string },
    ];
    if (Number(pending) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error('outbox did not drain');
}
