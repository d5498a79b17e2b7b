import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '#src/observability/metrics.ts';
import { createResilientCache } from '#src/state/resilient-cache.ts';
import { createStateRepository } from '#src/state/state-repository.ts';
import { createRedisClient } from '#src/store/redis-client.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { startOwnRedis, type OwnRedis } from '../../helpers/redis-server.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const hitCount = async (metrics: ReturnType<typeof createMetrics>) =>
  (await metrics.cacheRequests.get()).values.find((value) => value.labels.result === 'hit')?.value ?? 0;

describe('state repository when Redis dies mid-workload', () => {
  let testDb: TestDatabase;
  let ownRedis: OwnRedis;
  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    ownRedis = await startOwnRedis();
  });
  afterAll(async () => {
    await ownRedis?.kill();
    await testDb?.drop();
  });

  it('keeps every operation succeeding, warns once, counts the outage, and uses the cache again after restart', async () => {
    const metrics = createMetrics();
    const { logger, lines } = captureLogger();
    const redis = createRedisClient(ownRedis.url, { maxReconnectDelayMs: 100 });
    await new Promise((resolve) => redis.once('ready', resolve));
    const cache = createResilientCache({ redis, logger, metrics });
    const repo = createStateRepository({ knex: testDb.db.knex, cache, logger, metrics });

    const workload = async (round: number) => {
      for (let i = 0; i < 40; i += 1) {
        const id = `failover-${i % 8}`;
        await repo.save(id, { round, i });
        expect(await repo.get(id)).toEqual({ round, i });
        expect(await repo.get(id)).toEqual({ round, i });
      }
    };

    await workload(1);
    const hitsBefore = await hitCount(metrics);
    expect(hitsBefore).toBeGreaterThan(0);

    // Kill Redis while operations are in flight.
    const inFlight = workload(2);
    await ownRedis.kill();
    await inFlight;
    await workload(3);
    expect((await metrics.redisOutages.get()).values[0]?.value).toBe(1);
    const warnings = lines.filter((line) => line.level === 40 && String(line.msg).startsWith('redis unavailable'));
    expect(warnings).toHaveLength(1);

    await ownRedis.restart();
    await waitFor(() => cache.healthy(), 10_000);
    await workload(4);
    expect(await hitCount(metrics)).toBeGreaterThan(hitsBefore);
    expect((await metrics.redisOutageActive.get()).values[0]?.value).toBe(0);
    expect(lines.some((line) => String(line.msg).startsWith('redis available again'))).toBe(true);
    redis.disconnect();
  });
});
