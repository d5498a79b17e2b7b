import net from 'node:net';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function tcpReachable(url: string, timeoutMs = 1500): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const done = (error?: string) => {
      socket.destroy();
      resolve(error);
    };
    socket.setTimeout(timeoutMs, () => done(`timed out connecting to ${hostname}:${port}`));
    socket.once('connect', () => done());
    socket.once('error', (error) => done(error.message));
  });
}

/** Which backends the integration tests can use; URLs from the environment or localhost defaults. */
export async function probeBackends(): Promise<{
  postgres: string | null;
  redis: string | null;
  postgresError?: string;
  redisError?: string;
}> {
  const pgUrl = process.env.DATABASE_URL ?? DEFAULT_PG_URL;
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const [pgError, redisError] = await Promise.all([tcpReachable(pgUrl), tcpReachable(redisUrl)]);
  return {
    postgres: pgError ? null : pgUrl,
    redis: redisError ? null : redisUrl,
    ...(pgError ? { postgresError: pgError } : {}),
    ...(redisError ? { redisError } : {}),
  };
}
