import { isDeepStrictEqual } from 'node:util';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '#src/observability/metrics.ts';
import { createResilientCache } from '#src/state/resilient-cache.ts';
import { createStateRepository } from '#src/state/state-repository.ts';
import { StateIntegrityError } from '#src/state/state-errors.ts';
import { createRedisClient } from '#src/store/redis-client.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { requireBackend } from '../../helpers/require-backend.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { useTestDatabase } from '../../helpers/use-test-database.ts';

describe.each(databaseEngines())('state repository on $engine', ({ create }) => {
  const testDb = useTestDatabase(create);

  const repository = () => createStateRepository({ knex: testDb.db.knex, logger: captureLogger().logger, metrics: createMetrics() });

  it('returns exactly what was saved, for 1,000 save/get iterations, with zero failures', async () => {
    const repo = repository();
    let failures = 0;
    for (let i = 0; i < 1000; i += 1) {
      const payload = {
        iteration: i,
        node: ['planner', 'coder', 'critic'][i % 3],
        nested: { list: [i, i * 2, { deep: `v${i}` }], unicode: 'ß→✓' },
      };
      await repo.save(`stable-${i % 50}`, payload);
      const read = await repo.get(`stable-${i % 50}`);
      if (!isDeepStrictEqual(read, payload)) failures += 1;
    }
    expect(failures).toBe(0);
    const audit = await testDb.db.knex('state_audit').where('session_id', 'like', 'stable-%').count<Array<{ count: number }>>('* as count');
    expect(Number(audit[0]!.count)).toBe(1000);
  });

  it('audits every save and delete and indexes each payload hash', async () => {
    const repo = repository();
    const first = await repo.save('audited', { step: 1 });
    const second = await repo.save('audited', { step: 2 });
    expect(first.hash).not.toBe(second.hash);
    expect(second.version).toBeGreaterThan(first.version);
    expect(await repo.delete('audited')).toBe(true);
    expect(await repo.delete('audited')).toBe(false);
    expect(await repo.get('audited')).toBeNull();
    const actions = await testDb.db.knex('state_audit').where({ session_id: 'audited' }).orderBy('id').pluck('action');
    expect(actions).toEqual(['save', 'save', 'delete', 'delete_missing']);
    const hashes = await testDb.db.knex('state_hash_index').where({ session_id: 'audited' }).pluck('hash');
    expect(new Set(hashes)).toEqual(new Set([first.hash, second.hash]));
  });

  it('detects a payload changed behind its back and never serves it', async () => {
    const repo = repository();
    await repo.save('tampered', { approved: false, cost: 1.25 });
    await repo.save('untouched', { approved: true });
    expect((await repo.verifyIntegrity()).problems).toEqual([]);
    await testDb.db
      .knex('sessions')
      .where({ id: 'tampered' })
      .update({ payload: JSON.stringify({ approved: true, cost: 1.25 }) });
    const report = await repo.verifyIntegrity();
    expect(report.problems.map((problem) => problem.sessionId)).toEqual(['tampered']);
    await expect(repo.get('tampered')).rejects.toBeInstanceOf(StateIntegrityError);
    expect(await repo.get('untouched')).toEqual({ approved: true });
  });

  it('refuses values JSON cannot carry instead of storing something else', async () => {
    const repo = repository();
    await expect(repo.save('nan', { cost: Number.NaN })).rejects.toThrow(/\$\.cost/);
    expect(await repo.get('nan')).toBeNull();
  });
});

describe('state repository with the Redis cache', () => {
  const redisUrl = requireBackend('redis');
  const pgEngine = databaseEngines()[0]!;
  let testDb: TestDatabase;
  let redis: Redis;
  beforeAll(async () => {
    testDb = await pgEngine.create();
    if (redisUrl) {
      redis = createRedisClient(redisUrl);
      await new Promise((resolve) => redis.once('ready', resolve));
    }
  });
  afterAll(async () => {
    redis?.disconnect();
    await testDb?.drop();
  });

  it.skipIf(!redisUrl)('serves repeated reads from the cache and counts the hit ratio', async () => {
    const metrics = createMetrics();
    const { logger } = captureLogger();
    const repo = createStateRepository({ knex: testDb.db.knex, cache: createResilientCache({ redis, logger, metrics }), logger, metrics });
    const id = `cached-${Date.now()}`;
    await repo.save(id, { phase: 'planner' });
    await repo.flush();
    for (let i = 0; i < 9; i += 1) expect(await repo.get(id)).toEqual({ phase: 'planner' });
    const hits = (await metrics.cacheRequests.get()).values.find((value) => value.labels.result === 'hit');
    expect(hits?.value).toBe(9);
    await repo.delete(id);
    await repo.flush();
    expect(await repo.get(id)).toBeNull();
    expect(await redis.get(`aos:state:${id}`)).toMatch(/^\d+:~$/);
  });

  it.skipIf(!redisUrl)('ignores a cache entry changed inside Redis and answers from PostgreSQL', async () => {
    const metrics = createMetrics();
    const { logger } = captureLogger();
    const repo = createStateRepository({ knex: testDb.db.knex, cache: createResilientCache({ redis, logger, metrics }), logger, metrics });
    const id = `poisoned-${Date.now()}`;
    await repo.save(id, { approved: false });
    await repo.flush();
    const key = `aos:state:${id}`;
    const original = (await redis.get(key))!;
    await redis.set(key, original.replace('"approved":false', '"approved":true'));
    expect(await repo.get(id)).toEqual({ approved: false });
  });

  it.skipIf(!redisUrl)('never lets an older write replace a newer one in the cache', async () => {
    const metrics = createMetrics();
    const { logger } = captureLogger();
    const cache = createResilientCache({ redis, logger, metrics });
    const key = `aos:test:order-${Date.now()}`;
    await cache.setIfNewer(key, 10, 'new', 60);
    await cache.setIfNewer(key, 9, 'old', 60);
    expect(await cache.get(key)).toEqual({ version: 10, value: 'new' });
    await redis.del(key);
  });
});
