import type { AosEnv } from './env-schema.ts';

/** The GitHub API base URL: GitHub Enterprise (or a compatible API) when GHE_HOST is set, as Probot computes it. */
export function githubApiBaseUrl(env: Pick<AosEnv, 'GHE_HOST' | 'GHE_PROTOCOL'>): string {
  return env.GHE_HOST ? `${env.GHE_PROTOCOL ?? 'https'}://${env.GHE_HOST}/api/v3` : 'https://api.github.com';
}
