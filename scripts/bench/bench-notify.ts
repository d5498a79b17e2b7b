/**
 * Notification benchmark against real PostgreSQL (DATABASE_URL or the localhost default) and a
 * local webhook endpoint on 127.0.0.1:
 * - latency from publish (outbox commit) to the signed webhook request arriving, through the
 *   in-process dispatcher, p50/p95/p99 (target p95 < 50 ms; spec ceiling 5 s);
 * - delivery rate of 1,000 notifications with 20% of requests failing with 503 (seeded), two
 *   dispatchers, retries with backoff (target ≥ 99.5%, and no notification received twice).
 * Writes metrics/notifications/delivery_log.csv: every send attempt of this run, from the delivery log.
 */
import path from 'node:path';
import { createNotificationPublisher } from '../../src/notify/create-notification-publisher.ts';
import { createWebhookChannel } from '../../src/notify/create-webhook-channel.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { seededRandom } from '../../test/integration/notify/support/seeded-random.ts';
import { startReceiver } from '../../test/integration/notify/support/start-receiver.ts';
import { createBenchDatabase } from './lib/bench-database.ts';
import { percentiles } from './lib/percentiles.ts';
import { writeCsv } from './lib/write-csv.ts';

const LATENCY_SAMPLES = 300;
const WARM_UP = 20;
const RATE_NOTIFICATIONS = 1000;
const FAILURE_RATE = 0.2;
const SECRET = 'bench-signing-secret';
const CSV = path.resolve(import.meta.dirname, '../../metrics/notifications/delivery_log.csv');

const results: string[] = [];
const verdict = (met: boolean, text: string) => results.push(`${met ? 'MET    ' : 'NOT MET'} ${text}`);
const logger = createLogger({ level: 'error', format: 'json' });

/** Publish → received, one notification at a time, through a running dispatcher woken by the publish. */
async function measureLatency(bench: Awaited<ReturnType<typeof createBenchDatabase>>): Promise<number[]> {
  const waiting = new Map<string, () => void>();
  const receiver = await startReceiver({ secret: SECRET, onAccepted: (request) => waiting.get(String(request.json.correlation_id))?.() });
  const publisher = createNotificationPublisher({
    knex: bench.db.knex,
    channels: [createWebhookChannel({ url: receiver.url, secret: SECRET, timeoutMs: 5000 })],
    logger,
    metrics: createMetrics(),
  });
  const dispatcher = publisher.startDispatcher({ intervalMs: 1000 });
  const samples: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + LATENCY_SAMPLES; i += 1) {
      const correlationId = `bench-latency-${i}`;
      const arrived = new Promise<void>((resolve) => waiting.set(correlationId, resolve));
      const start = process.hrtime.bigint();
      await publisher.publish({
        type: 'run.finished',
        correlationId,
        title: `Run ${i} finished`,
        text: 'Pull request ready for review.',
        fields: { Repository: 'octo/bench' },
      });
      await arrived;
      if (i >= WARM_UP) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      waiting.delete(correlationId);
    }
  } finally {
    await dispatcher.stop();
    await receiver.close();
  }
  return samples;
}

/** 1,000 notifications through an endpoint failing 20% of requests, delivered by two dispatchers. */
async function measureDeliveryRate(bench: Awaited<ReturnType<typeof createBenchDatabase>>) {
  const receiver = await startReceiver({ secret: SECRET, failureRate: FAILURE_RATE, seed: 2026 });
  const channels = [createWebhookChannel({ url: receiver.url, secret: SECRET, timeoutMs: 5000 })];
  const make = (seed: number) =>
    createNotificationPublisher({
      knex: bench.db.knex,
      channels,
      logger,
      metrics: createMetrics(),
      random: seededRandom(seed),
      baseDelayMs: 5,
      maxDelayMs: 100,
    });
  const publishers = [make(1), make(2)];
  await publishers[0]!.publishBatch(
    Array.from({ length: RATE_NOTIFICATIONS }, (_, i) => ({
      type: 'run.failed' as const,
      correlationId: `bench-rate-${i}`,
      title: `Run ${i} failed`,
      text: 'QA rejected the change.',
    })),
  );
  const dispatchers = publishers.map((publisher) => publisher.startDispatcher({ intervalMs: 5, limit: 25 }));
  const settled = async () =>
    Number(((await bench.db.knex('notification_outbox').where({ status: 'pending' }).count({ n: '*' })) as Array<{ n: number }>)[0]!.n) ===
    0;
  while (!(await settled())) await new Promise((resolve) => setTimeout(resolve, 20));
  await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
  await receiver.close();
  const delivered = Number(
    (
      (await bench.db
        .knex('notification_outbox')
        .where({ status: 'delivered' })
        .andWhereLike('correlation_id', 'bench-rate-%')
        .count({ n: '*' })) as Array<{ n: number }>
    )[0]!.n,
  );
  const duplicates = [...receiver.keys.values()].filter((count) => count > 1).length;
  return { delivered, received: receiver.keys.size, duplicates, injected: receiver.injected(), badSignatures: receiver.badSignatures() };
}

async function main(): Promise<void> {
  const bench = await createBenchDatabase(10);
  try {
    const latency = percentiles(await measureLatency(bench));
    const rate = await measureDeliveryRate(bench);
    const log = await bench.db
      .knex('notification_deliveries')
      .select('created_at', 'destination', 'correlation_id', 'status', 'latency_ms')
      .orderBy('created_at');
    writeCsv(
      CSV,
      ['timestamp', 'destination', 'correlation_id', 'status', 'latency_ms'],
      log.map((row) => ({
        timestamp: (row.created_at as Date).toISOString(),
        destination: row.destination as string,
        correlation_id: row.correlation_id as string,
        status: row.status as string,
        latency_ms: row.latency_ms as number,
      })),
    );
    const attempts = percentiles(
      log.filter((row) => String(row.correlation_id).startsWith('bench-latency-')).map((row) => Number(row.latency_ms)),
    );
    const deliveryRate = rate.delivered / RATE_NOTIFICATIONS;

    console.log(
      `publish → webhook received  p50 ${latency.p50.toFixed(2)} ms  p95 ${latency.p95.toFixed(2)} ms  p99 ${latency.p99.toFixed(2)} ms  (n=${LATENCY_SAMPLES})`,
    );
    console.log(`signed POST alone (log)     p50 ${attempts.p50} ms  p95 ${attempts.p95} ms  p99 ${attempts.p99} ms`);
    console.log(
      `20% failures                ${rate.delivered}/${RATE_NOTIFICATIONS} delivered, ${rate.injected} 503s injected, ${rate.duplicates} received twice, ${rate.badSignatures} bad signatures`,
    );
    console.log(`delivery log                ${log.length} attempts written to ${path.relative(process.cwd(), CSV)}`);
    verdict(latency.p95 < 50, `notification latency p95 < 50 ms (spec ceiling 5 s): ${latency.p95.toFixed(2)} ms`);
    verdict(deliveryRate >= 0.995, `delivery rate ≥ 99.5% under 20% injected failures: ${(deliveryRate * 100).toFixed(2)}%`);
    verdict(rate.duplicates === 0, `no notification delivered twice: ${rate.duplicates}`);
  } finally {
    await bench.drop();
  }
  for (const line of results) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
