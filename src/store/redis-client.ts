import { Redis } from 'ioredis';

/** Options for {@link createRedisClient}. */
export interface RedisClientOptions {
  /** How long one command may take before it counts as a failure (ms). */
  commandTimeoutMs?: number;
  /** Reconnect at most this often while Redis is down (ms). */
  maxReconnectDelayMs?: number;
  /** How long a disconnect waits for the socket to close before destroying it (ms; ioredis's default 2000). */
  disconnectTimeoutMs?: number;
}

/**
 * A Redis client tuned for a cache that must never block the system of record: no offline queue
 * (a command while disconnected fails at once instead of waiting), no per-command retries, a short
 * command timeout, and endless background reconnects so the cache returns with Redis.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const maxDelay = options.maxReconnectDelayMs ?? 1000;
  return new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 50, maxDelay),
    ...(options.disconnectTimeoutMs === undefined ? {} : { disconnectTimeout: options.disconnectTimeoutMs }),
  });
}
