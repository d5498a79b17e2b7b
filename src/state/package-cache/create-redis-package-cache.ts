import type { Redis } from 'ioredis';
import type { PackageCache } from './package-cache.ts';

/** Options of `createRedisPackageCache`. */
export interface RedisPackageCacheOptions {
  /** A connected client; the caller owns its lifecycle. */
  redis: Redis;
  /** Prefix of every key; default `aos:pkg:`. */
  prefix?: string;
}

/**
 * A cache shared by every aos process, in Redis, with the TTL set by Redis itself (`SET … EX`).
 * Redis errors are misses and dropped writes: verification must not fail because the cache did.
 */
export function createRedisPackageCache({ redis, prefix = 'aos:pkg:' }: RedisPackageCacheOptions): PackageCache {
  return {
    async get(key) {
      try {
        return (await redis.get(prefix + key)) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value, ttlSeconds) {
      if (ttlSeconds <= 0) return;
      try {
        await redis.set(prefix + key, value, 'EX', Math.ceil(ttlSeconds));
      } catch {
        // A lost write only costs a later refetch.
      }
    },
  };
}
