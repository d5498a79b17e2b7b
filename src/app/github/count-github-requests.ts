import type { ProbotOctokit } from 'probot';
import { githubRequestKind, type GithubRequestKind } from '../../lib/github-request-kind.ts';

/** What GitHub said of the installation's rate limit on the last answer that carried its headers. */
export interface GithubRateLimit {
  remaining: number;
  limit: number;
  /** When the window resets, ms since the epoch. */
  resetAt: number;
}

/** The GitHub requests one client made, by kind. */
export interface GithubRequestCount {
  total(): number;
  byKind(): Partial<Record<GithubRequestKind, number>>;
  rateLimit(): GithubRateLimit | undefined;
}

type Headers = Record<string, string | number | undefined>;

function readRateLimit(headers: Headers | undefined): GithubRateLimit | undefined {
  const remaining = Number(headers?.['x-ratelimit-remaining']);
  const limit = Number(headers?.['x-ratelimit-limit']);
  const reset = Number(headers?.['x-ratelimit-reset']);
  if (!Number.isFinite(remaining) || !Number.isFinite(limit) || !Number.isFinite(reset) || headers?.['x-ratelimit-remaining'] === undefined)
    return undefined;
  return { remaining, limit, resetAt: reset * 1000 };
}

/**
 * Counts every request `octokit` makes from now on (answered or failed; a request that Octokit retried or whose
 * redirect it followed counts once), by kind, and keeps the last rate-limit headers. `onRequest` hears each one.
 */
export function countGithubRequests(
  octokit: Pick<ProbotOctokit, 'hook'>,
  onRequest?: (kind: GithubRequestKind) => void,
): GithubRequestCount {
  const counts: Partial<Record<GithubRequestKind, number>> = {};
  let total = 0;
  let last: GithubRateLimit | undefined;
  const count = (url: string, headers: Headers | undefined) => {
    const kind = githubRequestKind(url);
    counts[kind] = (counts[kind] ?? 0) + 1;
    total += 1;
    last = readRateLimit(headers) ?? last;
    onRequest?.(kind);
  };
  octokit.hook.after('request', (response, options) => count(String(options.url), response.headers as Headers));
  octokit.hook.error('request', (error, options) => {
    const failed = error as { response?: { headers?: Headers } };
    count(String(options.url), failed.response?.headers);
    throw error;
  });
  return { total: () => total, byKind: () => ({ ...counts }), rateLimit: () => last };
}
