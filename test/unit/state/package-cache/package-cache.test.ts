import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createMemoryPackageCache } from '#src/state/package-cache/create-memory-package-cache.ts';
import { createRedisPackageCache } from '#src/state/package-cache/create-redis-package-cache.ts';
import { startOwnRedis } from '../../../helpers/redis-server.ts';

// The Redis case starts its own redis-server; without one on PATH it is skipped, except under CI.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0 || process.env.CI === 'true';

describe('package caches', () => {
  it('memory: expires entries after their TTL and drops the oldest past the size limit', async () => {
    let clock = 0;
    const cache = createMemoryPackageCache({ now: () => clock, maxEntries: 2 });
    await cache.set('a', '1', 10);
    await cache.set('b', '2', 100);
    clock = 9_000;
    expect(await cache.get('a')).toBe('1');
    clock = 10_001;
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('c', '3', 100);
    await cache.set('d', '4', 100);
    expect([await cache.get('b'), await cache.get('c'), await cache.get('d')]).toEqual([undefined, '3', '4']);
  });

  it.skipIf(!hasRedisServer)('redis: stores with a Redis TTL, and misses instead of failing when Redis is gone', async () => {
    const server = await startOwnRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    let killed = false;
    try {
      await new Promise((resolve) => redis.once('ready', resolve));
      const cache = createRedisPackageCache({ redis, prefix: 'test:' });
      await cache.set('npm:x', '{"status":"not_found"}', 300);
      expect(await cache.get('npm:x')).toBe('{"status":"not_found"}');
      const ttl = await redis.ttl('test:npm:x');
      expect(ttl).toBeGreaterThan(290);
      expect(ttl).toBeLessThanOrEqual(300);
      await server.kill();
      killed = true;
      await expect(cache.get('npm:x')).resolves.toBeUndefined();
      await expect(cache.set('npm:y', '1', 60)).resolves.toBeUndefined();
    } finally {
      redis.disconnect();
      // The helper's kill() waits for an exit that already happened if called twice.
      if (!killed) await server.kill();
    }
  });
});
