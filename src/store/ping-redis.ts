import type { Redis } from 'ioredis';

/**
 * Resolves when `redis` answers PING. A client still connecting is given until its first
 * connection error: the clients of aos queue no command while disconnected, so a PING sent before
 * the connection is up would fail without saying whether Redis is there.
 */
export async function pingRedis(redis: Redis): Promise<void> {
  if (redis.status === 'connecting' || redis.status === 'wait' || redis.status === 'reconnecting' || redis.status === 'connect') {
    await new Promise<void>((resolve, reject) => {
      const ready = () => {
        redis.off('error', failed);
        resolve();
      };
      const failed = (error: Error) => {
        redis.off('ready', ready);
        reject(error);
      };
      redis.once('ready', ready);
      redis.once('error', failed);
    });
  }
  await redis.ping();
}
