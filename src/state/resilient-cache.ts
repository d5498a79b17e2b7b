import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';

/** A versioned cache entry: the version orders writes so a late write can never replace a newer one. */
export interface CacheEntry {
  version: number;
  /** The cached text; null for a tombstone left by a delete. */
  value: string | null;
}

/** A cache that never fails its caller: when Redis is down every call is a miss or a no-op. */
export interface ResilientCache {
  get(key: string): Promise<CacheEntry | null>;
  /** Stores `value` unless the cache already holds this or a newer version. */
  setIfNewer(key: string, version: number, value: string | null, ttlSeconds: number): Promise<void>;
  /** True while Redis answers. */
  healthy(): boolean;
}

// Compare-and-set in one round trip: keeps the newest version under concurrent writers and fills.
const SET_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current then
  local v = tonumber(string.match(current, '^(%d+):'))
  if v and v >= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2], 'EX', ARGV[3])
return 1`;

const TOMBSTONE = '~';
const MAX_TRACKED_MISSES = 10_000;

async function deleteByPattern(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * Wraps Redis for the state repository. An outage is logged once (not once per call), counted,
 * and shown in a gauge; calls are skipped without a network round trip while the client is not
 * connected, and the cache is used again as soon as the client reconnects.
 */
export function createResilientCache(options: { redis: Redis; logger: Logger; metrics: Metrics; keyPrefix?: string }): ResilientCache {
  const { redis, logger, metrics } = options;
  let down = false;
  const scripted = redis as Redis & {
    aosSetIfNewer?: (key: string, version: string, value: string, ttl: string) => Promise<number>;
  };
  if (!scripted.aosSetIfNewer) redis.defineCommand('aosSetIfNewer', { numberOfKeys: 1, lua: SET_IF_NEWER });

  const markDown = (error: unknown) => {
    if (down) return;
    down = true;
    metrics.redisOutages.inc();
    metrics.redisOutageActive.set(1);
    logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'redis unavailable: state reads and writes go to PostgreSQL only',
    );
  };
  // Keys written while Redis was unreachable may hold older values if Redis kept its data; they
  // are dropped before the cache is trusted again.
  const missedWrites = new Set<string>();
  let purging: Promise<void> | undefined;
  const markUp = () => {
    if (!down || purging) return;
    purging = purgeMissedWrites()
      .then(() => {
        down = false;
        metrics.redisOutageActive.set(0);
        logger.info('redis available again: state cache back in use');
      })
      .catch((error: unknown) =>
        logger.warn({ err: String(error) }, 'redis returned but stale entries could not be dropped; cache stays off'),
      )
      .finally(() => {
        purging = undefined;
      });
  };
  const purgeMissedWrites = async () => {
    if (missedWrites.size > MAX_TRACKED_MISSES) {
      await deleteByPattern(redis, `${options.keyPrefix ?? 'aos:state:'}*`);
    } else if (missedWrites.size > 0) {
      await redis.del(...missedWrites);
    }
    missedWrites.clear();
  };
  redis.on('ready', markUp);
  redis.on('error', (error) => {
    if (redis.status !== 'ready') markDown(error);
  });

  async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (redis.status !== 'ready' || purging) {
      markDown(new Error(`redis connection is ${redis.status}`));
      return undefined;
    }
    try {
      const result = await work();
      markUp();
      return result;
    } catch (error) {
      markDown(error);
      return undefined;
    }
  }

  return {
    async get(key) {
      const raw = await attempt(() => redis.get(key));
      if (raw === undefined) {
        metrics.cacheRequests.inc({ result: 'error' });
        return null;
      }
      const entry = raw === null ? null : decode(raw);
      metrics.cacheRequests.inc({ result: entry && entry.value !== null ? 'hit' : 'miss' });
      return entry;
    },
    async setIfNewer(key, version, value, ttlSeconds) {
      const done = await attempt(() => scripted.aosSetIfNewer!(key, String(version), value ?? TOMBSTONE, String(ttlSeconds)));
      if (done === undefined) missedWrites.add(key);
    },
    healthy: () => !down && !purging && redis.status === 'ready',
  };
}

function decode(raw: string): CacheEntry | null {
  const colon = raw.indexOf(':');
  const version = Number(raw.slice(0, colon));
  if (colon < 1 || !Number.isSafeInteger(version)) return null;
  const value = raw.slice(colon + 1);
  return { version, value: value === TOMBSTONE ? null : value };
}
