import Bottleneck from 'bottleneck';
import { ProbotOctokit } from 'probot';
import { tracingSettings, type AosEnv } from '../config/index.ts';

/** The throttle's two write groups (every write, and writes that notify people): each starts `minTime` ms after the one before. */
export function githubWriteThrottle(
  minTime: number,
  connection?: Bottleneck.IORedisConnection,
): { write: Bottleneck.Group; notifications: Bottleneck.Group } {
  // The ids and the Redis TTL of the throttling plugin's own groups, so every process keys its state the same way.
  const shared = connection ? { connection, timeout: 120_000 } : {};
  return {
    write: new Bottleneck.Group({ id: 'octokit-write', maxConcurrent: 1, minTime, ...shared }),
    notifications: new Bottleneck.Group({ id: 'octokit-notifications', maxConcurrent: 1, minTime, ...shared }),
  };
}

// GitHub's advice, as the throttling plugin applies it: writes 1 s apart, writes that notify people 3 s apart.
const GITHUB_WRITE_MS = 1000;
const GITHUB_NOTIFY_MS = 3000;

/** Bottleneck's connection to Redis, on its own ioredis client (Bottleneck subscribes on a duplicate of it). */
export async function githubThrottleConnection(redisUrl: string): Promise<Bottleneck.IORedisConnection> {
  const { Redis } = await import('ioredis');
  return new Bottleneck.IORedisConnection({ client: new Redis(redisUrl, { maxRetriesPerRequest: null }), Redis });
}

/** Options of githubOctokit; tests pass their own groups and connection to stop them. */
export interface GithubOctokitOptions {
  groups?: ReturnType<typeof githubWriteThrottle>;
  connection?: Bottleneck.IORedisConnection;
}

/**
 * The Octokit class Probot builds its clients from. With Redis (REDIS_URL) the write throttle keeps its state there, so
 * the server and every `aos worker` space their writes to GitHub together;
 * with AOS_GITHUB_WRITE_INTERVAL_MS, writes start that far apart. With tracing on (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_TRACES_EXPORTER), every request is a span. None of these: Probot's own class (GitHub's intervals, per process).
 */
export async function githubOctokit(
  env: Pick<AosEnv, 'AOS_GITHUB_WRITE_INTERVAL_MS' | 'REDIS_URL'> & Parameters<typeof tracingSettings>[0],
  options: GithubOctokitOptions = {},
): Promise<typeof ProbotOctokit | undefined> {
  // With tracing on, every request of every client (the workers' installation clients included) is a span.
  // Imported only then: with tracing off the server loads nothing of OpenTelemetry before it listens.
  const Base = tracingSettings(env).enabled
    ? (ProbotOctokit.plugin(
        (await import('../observability/tracing/trace-github-requests.ts')).traceGithubRequests,
      ) as typeof ProbotOctokit)
    : undefined;
  const connection = options.connection ?? (env.REDIS_URL ? await githubThrottleConnection(env.REDIS_URL) : undefined);
  const interval = env.AOS_GITHUB_WRITE_INTERVAL_MS;
  // Only the write groups go through Redis (GitHub's secondary limits are about writes); the plugin's other groups
  // (concurrency caps) stay per process, as their module-wide state would otherwise hold one process's connection.
  const groups =
    options.groups ??
    (interval !== undefined
      ? githubWriteThrottle(interval, connection)
      : connection
        ? {
            ...githubWriteThrottle(GITHUB_WRITE_MS, connection),
            notifications: githubWriteThrottle(GITHUB_NOTIFY_MS, connection).notifications,
          }
        : undefined);
  if (groups === undefined) return Base;
  const throttle = { ...groups };
  // Merged into whatever throttle options Probot passes: an object given to defaults() would be replaced whole by
  // Probot's own throttle options.
  return (Base ?? ProbotOctokit).defaults((instance: { throttle?: object } | undefined) => ({
    ...instance,
    throttle: { ...instance?.throttle, ...throttle },
  }));
}
