import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { countGithubRequests } from '#src/app/github/count-github-requests.ts';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Answers with a rate limit that goes down by one per request; `/repos/o/r/pulls/9` is missing. */
async function github() {
  let remaining = 100;
  const server = http.createServer((req, res) => {
    req.resume();
    remaining -= 1;
    const headers = {
      'content-type': 'application/json',
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-reset': '1800000000',
    };
    if (req.url === '/repos/o/r/pulls/9') return res.writeHead(404, headers).end('{"message":"Not Found"}');
    return res.writeHead(200, headers).end('{}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
  return new Octokit({ auth: { token: 'test-token' }, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

describe('countGithubRequests', () => {
  it('counts answered and failed requests by kind, tells each one, and keeps the last rate limit', async () => {
    const octokit = await github();
    const heard: string[] = [];
    const count = countGithubRequests(octokit, (kind) => heard.push(kind));
    await octokit.request('GET /repos/{owner}/{repo}/git/trees/{sha}', { owner: 'o', repo: 'r', sha: 'abc' });
    await octokit.request('GET /repos/{owner}/{repo}/git/blobs/{sha}', { owner: 'o', repo: 'r', sha: 'def' });
    await octokit.request('POST /repos/{owner}/{repo}/issues/{n}/comments', { owner: 'o', repo: 'r', n: 1, body: 'x' });
    await expect(octokit.request('GET /repos/{owner}/{repo}/pulls/{n}', { owner: 'o', repo: 'r', n: 9 })).rejects.toMatchObject({
      status: 404,
    });
    expect(count.total()).toBe(4);
    expect(count.byKind()).toEqual({ git: 2, issues: 1, pulls: 1 });
    expect(heard).toEqual(['git', 'git', 'issues', 'pulls']);
    expect(count.rateLimit()).toEqual({ remaining: 96, limit: 5000, resetAt: 1_800_000_000_000 });
  });

  it('counts only its own client', async () => {
    const counted = await github();
    const other = await github();
    const count = countGithubRequests(counted);
    await other.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    expect(count.total()).toBe(0);
    expect(count.rateLimit()).toBeUndefined();
  });
});
