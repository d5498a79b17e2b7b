import { AosError } from '../observability/aos-error.ts';
import type { TreeEntry, WorkspaceBase } from '../agents/workspace-types.ts';
import { listGithubTree } from '../lib/list-github-tree.ts';
import { readableBlobRecord } from './readable-blob-record.ts';
import type { RepoTarget } from '../lib/repo-target.ts';
import { requestStatus } from '../lib/request-status.ts';
import type { RepoCache } from './create-repo-cache.ts';
import { openGithubArchive } from './open-github-archive.ts';

/** Options of `createGithubBase`. */
export interface GithubBaseOptions extends RepoTarget {
  /** The commit whose tree is the base; the base stays on it even if a branch moves. */
  commitSha: string;
  /** Blobs larger than this are listed but never fetched: `readBlob` answers null. Default 1 MB. */
  maxBlobBytes?: number;
  /** The repository's secret-file globs (`secretFiles`); the defaults always apply. */
  secretFiles?: readonly string[];
  /**
   * The on-disk cache of unpacked trees. With it, the whole tree comes from one tarball of the
   * commit (none when the cache has it); without it, the tree and each blob come through the Git
   * Data API.
   */
  repoCache?: RepoCache;
}

/** A workspace base over one commit of a GitHub repository. */
export interface GithubBase extends WorkspaceBase {
  /** The commit the base reads. */
  readonly commitSha: string;
}

/** One listed path and how to read it. */
interface BaseRecord {
  path: string;
  mode: string;
  size: number;
  /** `blob` for files and symlinks, `commit` for submodules, as in a git tree. */
  type: string;
  /** The content; null when it is not kept (an archive's file over its stored size). */
  read: (() => Promise<Buffer>) | null;
}

const DEFAULT_MAX_BLOB_BYTES = 1_000_000;

/** The tree of the commit through the Git Data API: one listing, then one `git.getBlob` per file read, each kept in memory. */
async function apiRecords(options: GithubBaseOptions): Promise<BaseRecord[]> {
  const { octokit, owner, repo } = options;
  const blobs = new Map<string, Promise<Buffer>>();
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
  return (await listGithubTree(options, options.commitSha)).map(({ path, mode, size, type, sha }) => ({
    path,
    mode,
    size,
    type,
    read: () => fetchBlob(sha),
  }));
}

/** The tree of the commit from its unpacked tarball: files read from disk, links and submodules listed only. */
async function archiveRecords(options: GithubBaseOptions, cache: RepoCache): Promise<BaseRecord[]> {
  const tree = await openGithubArchive(options, options.commitSha, cache);
  return tree.entries.map(({ path, mode, size, stored }) => ({
    path,
    mode,
    size,
    type: mode === '160000' ? 'commit' : 'blob',
    read: stored ? () => tree.read(path) : null,
  }));
}

/**
 * A `WorkspaceBase` over one commit on GitHub: from its tarball, unpacked once into the shared
 * on-disk cache, when `repoCache` is given, else through the Git Data API (the tree walked
 * directory by directory when GitHub truncates the recursive listing, blobs fetched once each).
 * Symlinks and submodules are listed with their mode and read as null, like the local git base;
 * so are blobs over `maxBlobBytes`. A secret file is listed but never read: `readBlob` rejects
 * with `secret_file`. An unknown commit rejects with an `AosError` (`github_commit_not_found`).
 */
export function createGithubBase(options: GithubBaseOptions): GithubBase {
  const { commitSha, maxBlobBytes = DEFAULT_MAX_BLOB_BYTES, owner, repo, repoCache } = options;
  let tree: Promise<Map<string, BaseRecord>> | undefined;

  const records = (): Promise<Map<string, BaseRecord>> =>
    (tree ??= (repoCache === undefined ? apiRecords(options) : archiveRecords(options, repoCache)).then(
      (list) => new Map(list.map((entry) => [entry.path, entry])),
      (error: unknown) => {
        tree = undefined;
        if (requestStatus(error) === 404 || requestStatus(error) === 409) {
          throw new AosError(
            'github_commit_not_found',
            `commit ${commitSha} was not found in ${owner}/${repo}, or the repository is empty`,
            {
              cause: error,
            },
          );
        }
        throw error;
      },
    ));

  const readBlob = async (path: string, retried = false): Promise<Buffer | null> => {
    const entry = readableBlobRecord(await records(), path, options.secretFiles ?? []);
    if (entry === null || entry.size > maxBlobBytes || entry.read === null) return null;
    try {
      return await entry.read();
    } catch (error) {
      // Another worker evicted the cached tree while this run used it: unpack it again, once.
      if (retried || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      tree = undefined;
      return readBlob(path, true);
    }
  };

  return {
    commitSha,
    async listTree(): Promise<TreeEntry[]> {
      return [...(await records()).values()].map(({ path, size, mode }) => ({ path, size, mode }));
    },
    readBlob: (path) => readBlob(path),
  };
}
