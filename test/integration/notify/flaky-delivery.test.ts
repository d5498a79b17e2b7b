import { describe, expect, it } from 'vitest';
import { createSlackChannel } from '#src/notify/create-slack-channel.ts';
import { createWebhookChannel } from '#src/notify/create-webhook-channel.ts';
import type { Notification } from '#src/notify/notification-types.ts';
import { resolveNotificationRouting } from '#src/notify/resolve-notification-routing.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { useTestDatabase } from '../../helpers/use-test-database.ts';
import { counterValue, drainOutbox, notifyHarness } from './support/notify-harness.ts';
import { seededRandom } from './support/seeded-random.ts';
import { startReceiver } from './support/start-receiver.ts';

const NOTIFICATIONS = 1000;
const SECRET = 'flaky-secret';
// With 20% injected failures, 12 attempts leave a notification undelivered with probability 0.2^12.
const MAX_ATTEMPTS = 12;
// 2,000+ HTTP round trips on each engine; generous so a busy machine cannot fail it.
const DELIVERY_TIMEOUT_MS = 180_000;

describe.each(databaseEngines())('delivery through receivers failing 20% of requests on $engine', ({ create }) => {
  const testDb = useTestDatabase(create);

  // At-least-once delivery: a receiver that answers after the client gave up gets the retry too, so a
  // key may arrive more than once. What the system promises is that every notification arrives and
  // that a repeat is always the same notification under the same idempotency key.
  it(
    'delivers every one of 1,000 notifications; a repeat only ever carries the same idempotency key and body',
    async () => {
      // Run failures go to a signed webhook, finished runs to a stand-in for Slack: 500 each.
      const receivers = await Promise.all([
        startReceiver({ failureRate: 0.2, seed: 7, secret: SECRET }),
        startReceiver({ failureRate: 0.2, seed: 11 }),
      ]);
      try {
        const channels = [
          createWebhookChannel({ url: receivers[0].url, secret: SECRET, timeoutMs: 10_000 }),
          createSlackChannel({ webhookUrl: receivers[1].url, timeoutMs: 10_000 }),
        ];
        const routing = resolveNotificationRouting({
          routes: { 'run.failed': ['webhook'], 'run.finished': ['slack'] },
          budgetChannels: [],
        });
        const { publisher, metrics } = notifyHarness(testDb.db.knex, {
          channels,
          routing,
          random: seededRandom(3),
          baseDelayMs: 1,
          maxDelayMs: 4,
          maxAttempts: MAX_ATTEMPTS,
        });
        const notifications: Notification[] = Array.from({ length: NOTIFICATIONS }, (_, i) => ({
          type: i % 2 ? 'run.finished' : 'run.failed',
          correlationId: `run-${i}`,
          title: `Run ${i} done`,
          text: `run ${i}`,
        }));
        for (let start = 0; start < NOTIFICATIONS; start += 250) await publisher.publishBatch(notifications.slice(start, start + 250));
        await drainOutbox(testDb.db.knex, publisher.deliverDue);

        for (const receiver of receivers) {
          expect(receiver.injected()).toBeGreaterThan((NOTIFICATIONS / 2) * 0.15);
          expect(receiver.badSignatures()).toBe(0);
          // A receiver that dedupes by key sees each notification exactly once.
          expect(receiver.keys.size).toBe(NOTIFICATIONS / 2);
          const bodyOfKey = new Map<string, string>();
          for (const request of receiver.accepted) {
            const key = String(request.headers['x-aos-idempotency-key']);
            const notification = JSON.stringify({ ...request.json, timestamp: undefined });
            expect(bodyOfKey.get(key) ?? notification).toBe(notification);
            bodyOfKey.set(key, notification);
          }
          const correlationIds = new Set(receiver.accepted.map((request) => request.json.correlation_id));
          expect(correlationIds.size).toBe(receiver.keys.size);
          expect([...correlationIds].every((id) => typeof id === 'string' && /^run-\d+$/.test(id))).toBe(true);
          expect(
            receiver.accepted.every(
              (request) =>
                typeof request.json.timestamp === 'string' && request.json.idempotency_key === request.headers['x-aos-idempotency-key'],
            ),
          ).toBe(true);
        }
        const [{ n: deliveredCount }] = (await testDb.db.knex('notification_outbox').where({ status: 'delivered' }).count({ n: '*' })) as [
          { n: number | string },
        ];
        const delivered = Number(deliveredCount);
        expect(delivered).toBe(NOTIFICATIONS);
        // Every injected 503 shows up in the delivery log as a retry, with its correlation id (a reply
        // that came after the client's timeout is logged as a retry too, so the log may hold more).
        const log = await testDb.db.knex('notification_deliveries').select('status', 'correlation_id');
        expect(log.filter((row) => row.status !== 'delivered').length).toBeGreaterThanOrEqual(
          receivers[0].injected() + receivers[1].injected(),
        );
        expect(log.every((row) => /^run-\d+$/.test(row.correlation_id as string))).toBe(true);
        expect(await counterValue(metrics.notificationDeliveries, { status: 'delivered' })).toBe(delivered);
      } finally {
        for (const receiver of receivers) await receiver.close();
      }
    },
    DELIVERY_TIMEOUT_MS,
  );
});
