import { afterEach, describe, expect, it } from 'vitest';
import { createAlertSink } from '#src/notify/create-alert-sink.ts';
import { createWebhookChannel } from '#src/notify/create-webhook-channel.ts';
import type { Notification } from '#src/notify/notification-types.ts';
import { resolveNotificationRouting } from '#src/notify/resolve-notification-routing.ts';
import { createSlackChannel } from '#src/notify/create-slack-channel.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { useTestDatabase } from '../../helpers/use-test-database.ts';
import { counterValue, notifyHarness } from './support/notify-harness.ts';
import { startReceiver, type Receiver } from './support/start-receiver.ts';

const runFinished = (correlationId: string, extra: Partial<Notification> = {}): Notification => ({
  type: 'run.finished',
  correlationId,
  title: `Run ${correlationId} finished`,
  text: 'Pull request #12 is ready for review.',
  fields: { Repository: 'octo/app' },
  url: `https://aos.example.eu/aos/runs/${correlationId}`,
  ...extra,
});

describe.each(databaseEngines())('notification publisher on $engine', ({ create }) => {
  const testDb = useTestDatabase(create);
  const receivers: Receiver[] = [];
  afterEach(async () => {
    for (const receiver of receivers.splice(0)) await receiver.close();
    await testDb.db.knex('notification_deliveries').delete();
    await testDb.db.knex('notification_outbox').delete();
  });
  const receiver = async (options: Parameters<typeof startReceiver>[0] = {}) => {
    const started = await startReceiver(options);
    receivers.push(started);
    return started;
  };

  it("writes the outbox in the caller's transaction: nothing on rollback, everything on commit", async () => {
    const server = await receiver();
    const { publisher } = notifyHarness(testDb.db.knex, {
      channels: [createWebhookChannel({ url: server.url, secret: 's', timeoutMs: 2000 })],
    });
    await expect(
      testDb.db.knex.transaction(async (trx) => {
        await publisher.publish(runFinished('run-rolled-back'), { trx });
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    const committed = await testDb.db.knex.transaction((trx) => publisher.publish(runFinished('run-committed'), { trx }));
    expect(committed.ids).toHaveLength(1);
    expect(await publisher.getDeliveryStatus(committed.idempotencyKey)).toMatchObject([
      { status: 'pending', correlationId: 'run-committed', destination: server.host },
    ]);
    expect(await publisher.deliverDue()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(server.accepted.map((request) => request.json.correlation_id)).toEqual(['run-committed']);
  });

  it('stores one row per routed channel, once per idempotency key, and reports status by id or key', async () => {
    const slack = await receiver();
    const hook = await receiver();
    const channels = [
      createSlackChannel({ webhookUrl: slack.url, timeoutMs: 2000 }),
      createWebhookChannel({ url: hook.url, secret: 's', timeoutMs: 2000 }),
    ];
    const routing = resolveNotificationRouting({ routes: { 'run.finished': ['slack'] }, budgetChannels: ['email'] });
    const { publisher } = notifyHarness(testDb.db.knex, { channels, routing });
    const first = await publisher.publish(runFinished('run-1'));
    const again = await publisher.publish(runFinished('run-1'));
    expect(again).toEqual(first);
    expect(first.ids).toHaveLength(1);
    const violation = await publisher.publish({
      type: 'residency.violation',
      correlationId: 'run-1',
      title: 'Residency violation',
      text: 'api.openai.com is not an EU host',
      idempotencyKey: 'residency-run-1',
    });
    expect(violation.ids).toHaveLength(2);

    await publisher.deliverDue();
    const [status] = await publisher.getDeliveryStatus(first.ids[0]!);
    expect(status).toMatchObject({
      status: 'delivered',
      kind: 'slack',
      attempts: 1,
      correlationId: 'run-1',
      deliveries: [{ attempt: 1, status: 'delivered', httpStatus: 200 }],
    });
    const byKey = await publisher.getDeliveryStatus('residency-run-1');
    expect(byKey.map((row) => row.kind).sort()).toEqual(['slack', 'webhook']);
    expect(byKey.every((row) => row.status === 'delivered')).toBe(true);
    expect(await publisher.getDeliveryStatus('no-such-key')).toEqual([]);
    expect(slack.keys.size).toBe(2);
    expect(hook.keys.size).toBe(1);
    await expect(publisher.publish({ ...runFinished('run-2'), title: '' })).rejects.toThrow(/title/);
  });

  it('marks a destination that stays down failed after maxAttempts, with every attempt logged, and keeps it', async () => {
    const down = await receiver({ respond: () => 503 });
    let clock = Date.parse('2026-11-22T10:00:00Z');
    const { publisher, metrics, lines } = notifyHarness(testDb.db.knex, {
      channels: [createWebhookChannel({ url: down.url, secret: 's', timeoutMs: 2000 })],
      now: () => new Date(clock),
      random: () => 0.999,
      maxAttempts: 5,
      baseDelayMs: 1000,
      maxDelayMs: 4000,
    });
    const { ids } = await publisher.publish(runFinished('run-down'));
    const expectedDelays = [999, 1998, 3996, 3996];
    for (const delay of expectedDelays) {
      expect(await publisher.deliverDue()).toMatchObject({ claimed: 1, retried: 1 });
      const [status] = await publisher.getDeliveryStatus(ids[0]!);
      expect(status!.nextAttemptAt!.getTime() - clock).toBe(delay);
      clock += delay - 1;
      expect(await publisher.deliverDue()).toMatchObject({ claimed: 0 });
      clock += 1;
    }
    expect(await publisher.deliverDue()).toMatchObject({ claimed: 1, failed: 1 });
    clock += 3_600_000;
    expect(await publisher.deliverDue()).toMatchObject({ claimed: 0 });

    const [status] = await publisher.getDeliveryStatus(ids[0]!);
    expect(status).toMatchObject({ status: 'failed', attempts: 5, nextAttemptAt: null, lastError: expect.stringContaining('HTTP 503') });
    expect(status!.deliveries.map((entry) => [entry.attempt, entry.status, entry.httpStatus])).toEqual([
      [1, 'retry', 503],
      [2, 'retry', 503],
      [3, 'retry', 503],
      [4, 'retry', 503],
      [5, 'failed', 503],
    ]);
    expect(down.requests()).toBe(5);
    expect(await counterValue(metrics.notificationFailures, { channel: 'webhook', reason: 'exhausted' })).toBe(1);
    expect(await counterValue(metrics.notificationDeliveries, { channel: 'webhook', status: 'retry' })).toBe(4);
    expect(lines.some((line) => line.correlation_id === 'run-down' && line.level === 50)).toBe(true);
  });

  it('fails a notification its receiver rejects with a 4xx at once', async () => {
    const rejecting = await receiver({ respond: () => 400 });
    const { publisher, metrics } = notifyHarness(testDb.db.knex, {
      channels: [createWebhookChannel({ url: rejecting.url, secret: 's', timeoutMs: 2000 })],
    });
    const { ids } = await publisher.publish(runFinished('run-rejected'));
    expect(await publisher.deliverDue()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await publisher.getDeliveryStatus(ids[0]!)).toMatchObject([
      { status: 'failed', attempts: 1, deliveries: [{ status: 'failed', httpStatus: 400 }] },
    ]);
    expect(await counterValue(metrics.notificationFailures, { channel: 'webhook', reason: 'permanent' })).toBe(1);
  });

  it('turns budget alerts into one notification per alert key', async () => {
    const hook = await receiver();
    const { publisher } = notifyHarness(testDb.db.knex, {
      channels: [createWebhookChannel({ url: hook.url, secret: 's', timeoutMs: 2000 })],
    });
    const sink = createAlertSink(publisher);
    const alert = {
      kind: 'threshold',
      scope: 'global',
      scopeId: 'phase_1',
      period: 'month',
      periodKey: '2026-11',
      message: 'aos has spent 81% of the global monthly cap',
      payload: { spent: 81, cap: 100, threshold: 0.8 },
    } as const;
    await sink.publish(alert);
    await sink.publish(alert);
    await publisher.deliverDue();
    expect(hook.accepted).toHaveLength(1);
    expect(hook.accepted[0]!.json).toMatchObject({
      type: 'budget.threshold',
      correlation_id: 'budget:global:phase_1:2026-11',
      text: alert.message,
      fields: { Spent: '€81.00', Cap: '€100.00' },
    });
  });

  it('delivers from the polling dispatcher right after a publish, even one made mid-round, and stops cleanly', async () => {
    const hook = await receiver({ delayMs: 100 });
    const { publisher } = notifyHarness(testDb.db.knex, {
      channels: [createWebhookChannel({ url: hook.url, secret: 's', timeoutMs: 2000 })],
    });
    const dispatcher = publisher.startDispatcher({ intervalMs: 60_000 });
    try {
      await publisher.publish(runFinished('run-polled-1'));
      await expect.poll(() => hook.requests(), { timeout: 60_000, interval: 5 }).toBe(1);
      // The first round has claimed its row and waits for the receiver: this publish must not wait for the interval.
      await publisher.publish(runFinished('run-polled-2'));
      await expect.poll(() => hook.accepted.length, { timeout: 60_000, interval: 5 }).toBe(2);
    } finally {
      await dispatcher.stop();
    }
    await publisher.publish(runFinished('run-after-stop'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(hook.accepted).toHaveLength(2);
  });
});
