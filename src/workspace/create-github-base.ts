import { AosError } from '../observability/aos-error.ts';
import type { TreeEntry, WorkspaceBase } from '../agents/workspace-types.ts';
import { listGithubTree, type GithubTreeRecord } from '../lib/list-github-tree.ts';
import { readableBlobRecord } from './readable-blob-record.ts';
import type { RepoTarget } from '../lib/repo-target.ts';
import { requestStatus } from '../lib/request-status.ts';

/** Options of `createGithubBase`. */
export interface GithubBaseOptions extends RepoTarget {
  /** The commit whose tree is the base; the base stays on it even if a branch moves. */
  commitSha: string;
  /** Blobs larger than this are listed but never fetched: `readBlob` answers null. Default 1 MB. */
  maxBlobBytes?: number;
  /** The repository's secret-file globs (`secret_files`); the defaults always apply. */
  secretFiles?: readonly string[];
}

/** A workspace base over one commit of a GitHub repository. */
export interface GithubBase extends WorkspaceBase {
  /** The commit the base reads. */
  readonly commitSha: string;
}

const DEFAULT_MAX_BLOB_BYTES = 1_000_000;

/**
 * A `WorkspaceBase` read through the Git Data API: the tree of `commitSha` (walked directory by
 * directory when GitHub truncates the recursive listing) and blobs with `git.getBlob`, each
 * fetched once and kept in memory. Symlinks and submodules are listed with their mode and read as
 * null, like the local git base; so are blobs over `maxBlobBytes`. A secret file is listed but
 * never fetched: `readBlob` rejects with `secret_file`. An unknown commit rejects with an
 * `AosError` (`github_commit_not_found`).
 */
export function createGithubBase(options: GithubBaseOptions): GithubBase {
  const { commitSha, maxBlobBytes = DEFAULT_MAX_BLOB_BYTES } = options;
  const { octokit, owner, repo } = options;
  let tree: Promise<Map<string, GithubTreeRecord>> | undefined;
  const blobs = new Map<string, Promise<Buffer>>();

  const records = (): Promise<Map<string, GithubTreeRecord>> =>
    (tree ??= listGithubTree(options, commitSha).then(
      (list) => new Map(list.map((entry) => [entry.path, entry])),
      (error: unknown) => {
        tree = undefined;
        if (requestStatus(error) === 404 || requestStatus(error) === 409) {
          throw new AosError(
            'github_commit_not_found',
            `commit ${commitSha} was not found in ${owner}/${repo}, or the repository is empty`,
            { cause: error },
          );
        }
        throw error;
      },
    ));

  const fetchBlob = (sha: string): Promise<Buffer> => {
    let blob = blobs.get(sha);
    if (blob === undefined) {
      blob = octokit.rest.git
        .getBlob({ owner, repo, file_sha: sha })
        .then(({ data }) => Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
      // A failed fetch is not cached: the next read asks GitHub again.
      blob.catch(() => blobs.delete(sha));
      blobs.set(sha, blob);
    }
    return blob;
  };

  return {
    commitSha,
    async listTree(): Promise<TreeEntry[]> {
      return [...(await records()).values()].map(({ path, size, mode }) => ({ path, size, mode }));
    },
    async readBlob(path) {
      const entry = readableBlobRecord(await records(), path, options.secretFiles ?? []);
      return entry === null || entry.size > maxBlobBytes ? null : fetchBlob(entry.sha);
    },
  };
}
