import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { RepoTarget } from '../lib/repo-target.ts';
import type { CachedTree, RepoCache } from './create-repo-cache.ts';

/** The cache key of one commit of one repository: GitHub's names are case-insensitive and never hold `~`. */
export function repoCacheKey(owner: string, repo: string, commitSha: string): string {
  return `${owner}.${repo}.${commitSha}`.toLowerCase();
}

/**
 * The tree of `commitSha`, from the cache when another pass or run already unpacked it, else
 * from one request to GitHub's tarball endpoint (`GET /repos/{owner}/{repo}/tarball/{sha}`,
 * answered with a redirect to codeload that Octokit follows), streamed into the cache as it
 * arrives rather than held in memory.
 */
export function openGithubArchive(target: RepoTarget, commitSha: string, cache: RepoCache): Promise<CachedTree> {
  const { octokit, owner, repo } = target;
  return cache.open(repoCacheKey(owner, repo, commitSha), async () => {
    const response = await octokit.rest.repos.downloadTarballArchive({
      owner,
      repo,
      ref: commitSha,
      request: { parseSuccessResponseBody: false },
    });
    return Readable.fromWeb(response.data as ReadableStream<Uint8Array>);
  });
}
