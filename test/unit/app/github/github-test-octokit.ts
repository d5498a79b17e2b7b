import nock from 'nock';
import { ProbotOctokit } from 'probot';

/** The repository every GitHub test talks about. */
export const REPO = { owner: 'octo', repo: 'demo' } as const;

/** A real Probot client with retries and throttling off, so each nock interceptor answers one request. */
export function testOctokit(): ProbotOctokit {
  return new ProbotOctokit({ auth: { token: 'test' }, retry: { enabled: false }, throttle: { enabled: false } });
}

/** nock scope on the GitHub API. */
export function github(): nock.Scope {
  return nock('https://api.github.com');
}

/** The target for functions that take `{ octokit, owner, repo }`. */
export function target(): { octokit: ProbotOctokit; owner: string; repo: string } {
  return { octokit: testOctokit(), ...REPO };
}
