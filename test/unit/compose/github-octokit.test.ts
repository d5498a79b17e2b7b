import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { githubOctokit, githubWriteThrottle } from '#src/compose/github-octokit.ts';
import { generateAppKey } from '../../helpers/start-aos-server.ts';

const INSTALLATION = 42;
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A GitHub stand-in: hands out installation tokens and answers every other request, counting the comment writes. */
async function githubStandIn() {
  const seen = { writes: 0 };
  const server = http.createServer((req, res) => {
    req.resume();
    const json = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url?.endsWith('/access_tokens')) return json(201, { token: 'installation-token', expires_at: '2999-01-01T00:00:00Z' });
    if (req.method === 'POST') seen.writes += 1;
    return json(req.method === 'POST' ? 201 : 200, { id: 1 });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** An installation client built the way the app server builds it: Probot with the given Octokit class. */
async function installationClient(url: string, Octokit: Awaited<ReturnType<typeof githubOctokit>>) {
  const probot = new Probot({ appId: 1, privateKey: generateAppKey().privateKey, baseUrl: url, ...(Octokit ? { Octokit } : {}) });
  return probot.auth(INSTALLATION);
}

const comment = (octokit: Awaited<ReturnType<typeof installationClient>>, issue: number) =>
  octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: 'o', repo: 'r', issue_number: issue, body: 'x' });

describe('githubOctokit', () => {
  it("keeps Probot's own class (GitHub's intervals, per process) without AOS_GITHUB_WRITE_INTERVAL_MS and REDIS_URL", async () => {
    expect(await githubOctokit({})).toBeUndefined();
  });

  it('gives both write groups the configured interval', () => {
    const throttle = githubWriteThrottle(250);
    for (const group of [throttle.write, throttle.notifications]) {
      expect((group as unknown as { limiterOptions: object }).limiterOptions).toMatchObject({ maxConcurrent: 1, minTime: 250 });
    }
  });

  it('with an interval of 0, an installation client sends every write', async () => {
    const { url, seen } = await githubStandIn();
    const octokit = await installationClient(url, await githubOctokit({ AOS_GITHUB_WRITE_INTERVAL_MS: 0 }));
    const answers = await Promise.all([1, 2, 3, 4, 5].map((issue) => comment(octokit, issue)));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(seen.writes).toBe(5);
  });

  it("an installation client holds the next write for the configured interval (Probot's own throttle options do not replace it)", async () => {
    const { url, seen } = await githubStandIn();
    const throttle = githubWriteThrottle(10 * 60_000);
    const octokit = await installationClient(url, await githubOctokit({}, { groups: throttle }));
    await comment(octokit, 1);
    const held = comment(octokit, 2).then(
      () => 'sent',
      () => 'dropped',
    );
    // A read is not a write: it goes through while the second write waits out its ten minutes.
    expect((await octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })).status).toBe(200);
    expect(seen.writes).toBe(1);
    for (const group of [throttle.write, throttle.notifications]) await group.key(String(INSTALLATION)).stop({ dropWaitingJobs: true });
    expect(await held).toBe('dropped');
    expect(seen.writes).toBe(1);
  });
});
