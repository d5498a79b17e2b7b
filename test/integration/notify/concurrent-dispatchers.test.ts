import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookChannel } from '#src/notify/create-webhook-channel.ts';
import { openDatabase, type Database } from '#src/store/open-database.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { counterValue, notifyHarness } from './support/notify-harness.ts';
import { startReceiver } from './support/start-receiver.ts';

// A whole scenario with child processes or many round trips; generous so a busy 2-core machine cannot fail it.
const SCENARIO_TIMEOUT_MS = 240_000;

const NOTIFICATIONS = 300;

describe.each(databaseEngines())('two dispatchers on $engine', ({ engine, create }) => {
  let testDb: TestDatabase;
  let second: Database | undefined;
  beforeAll(async () => {
    testDb = await create();
    // On PostgreSQL the second dispatcher gets its own pool, as another process would.
    if (testDb.url) second = await openDatabase({ databaseUrl: testDb.url, poolMax: 5 });
  });
  afterAll(async () => {
    await second?.close();
    await testDb?.drop();
  });

  it(
    'never send one notification twice (FOR UPDATE SKIP LOCKED)',
    async () => {
      const receiver = await startReceiver({ delayMs: 2 });
      try {
        const channel = () => [createWebhookChannel({ url: receiver.url, secret: 's', timeoutMs: 2000 })];
        const a = notifyHarness(testDb.db.knex, { channels: channel() });
        const b = notifyHarness(second?.knex ?? testDb.db.knex, { channels: channel() });
        await a.publisher.publishBatch(
          Array.from({ length: NOTIFICATIONS }, (_, i) => ({
            type: 'run.finished' as const,
            correlationId: `run-${i}`,
            title: 'done',
            text: '',
          })),
        );
        const dispatchers = [
          a.publisher.startDispatcher({ intervalMs: 5, limit: 10 }),
          b.publisher.startDispatcher({ intervalMs: 5, limit: 10 }),
        ];
        try {
          await expect.poll(() => receiver.keys.size, { timeout: 120_000, interval: 20 }).toBe(NOTIFICATIONS);
        } finally {
          await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
        }
        expect(receiver.requests()).toBe(NOTIFICATIONS);
        expect([...receiver.keys.values()].every((count) => count === 1)).toBe(true);
        const sentByA = await counterValue(a.metrics.notificationDeliveries, { status: 'delivered' });
        const sentByB = await counterValue(b.metrics.notificationDeliveries, { status: 'delivered' });
        expect(sentByA + sentByB).toBe(NOTIFICATIONS);
        if (engine === 'postgres') expect(Math.min(sentByA, sentByB)).toBeGreaterThan(0);
        const log = await testDb.db.knex('notification_deliveries').count({ n: '*' });
        expect(Number(log[0]!.n)).toBe(NOTIFICATIONS);
      } finally {
        await receiver.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );
});
