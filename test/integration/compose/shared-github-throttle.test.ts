import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { Probot } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubOctokit, githubThrottleConnection, githubWriteThrottle } from '#src/compose/github-octokit.ts';
import { requireBackend } from '../../helpers/require-backend.ts';
import { generateAppKey } from '../../helpers/start-aos-server.ts';

const redisUrl = requireBackend('redis');
// Redis keeps a group's window for two minutes: an installation of its own, so an earlier run's writes do not count.
const INSTALLATION = 100_000 + Math.floor(Math.random() * 1_000_000);

/** A GitHub stand-in counting the comment writes it received. */
async function githubStandIn() {
  const seen = { writes: 0 };
  const server = http.createServer((req, res) => {
    req.resume();
    const json = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url?.endsWith('/access_tokens')) return json(201, { token: 'installation-token', expires_at: '2999-01-01T00:00:00Z' });
    if (req.method === 'POST') seen.writes += 1;
    return json(req.method === 'POST' ? 201 : 200, { id: 1 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Stops every limiter of the groups (waiting jobs dropped), then the groups' clean-up timers, then
 * the connection without flushing: in that order nothing is left to run a command on a closed
 * connection, which would reject with 'Connection is closed' after the test.
 */
async function stopThrottle(groups: ReturnType<typeof githubWriteThrottle>, connection: Bottleneck.IORedisConnection): Promise<void> {
  for (const group of [groups.write, groups.notifications]) {
    for (const { limiter } of group.limiters()) {
      await limiter.stop({ dropWaitingJobs: true });
      await limiter.disconnect(false);
    }
    clearInterval((group as unknown as { interval: NodeJS.Timeout }).interval);
  }
  await connection.disconnect(false);
}

describe.skipIf(!redisUrl)("GitHub's write throttle shared through Redis by separate processes' clients", () => {
  const escaped: unknown[] = [];
  const record = (reason: unknown) => escaped.push(reason);
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(() => {
    process.on('unhandledRejection', record);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    // Give a late rejection of the closed connections the chance to surface before looking.
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.off('unhandledRejection', record);
    expect(escaped).toEqual([]);
  });

  it("holds one worker's write while another worker's write is within the interval, and lets reads through", async () => {
    const github = await githubStandIn();
    cleanups.push(github.close);
    // Two workers: each its own Redis connection, throttle groups and Probot, as two processes would have.
    const workers = await Promise.all(
      [1, 2].map(async () => {
        const connection = await githubThrottleConnection(redisUrl!);
        const groups = githubWriteThrottle(10 * 60_000, connection);
        cleanups.push(() => stopThrottle(groups, connection));
        const Octokit = await githubOctokit({}, { groups, connection });
        const probot = new Probot({ appId: 1, privateKey: generateAppKey().privateKey, baseUrl: github.url, Octokit: Octokit! });
        return probot.auth(INSTALLATION);
      }),
    );
    const [first, second] = workers;
    await first!.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner: 'o',
      repo: 'r',
      issue_number: 1,
      body: 'x',
    });
    // The first worker's write is in Redis, under the key every process uses for this installation's writes.
    const redis = new Redis(redisUrl!);
    cleanups.push(() => redis.quit());
    expect(await redis.keys(`b_octokit-write-${INSTALLATION}_*`)).not.toEqual([]);
    // The second worker sees it: its next write would wait out the ten-minute interval the first one started.
    const settings = await redis.hgetall(`b_octokit-write-${INSTALLATION}_settings`);
    expect(Number(settings.nextRequest)).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect((await second!.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })).status).toBe(200);
    expect(github.seen.writes).toBe(1);
  });
});
