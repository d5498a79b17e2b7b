import { parseLsTree, type LsTreeRecord } from './parse-ls-tree.ts';
import { resolveGitCommit } from './resolve-git-commit.ts';
import { createBlobBatcher } from './read-git-blobs.ts';
import { TREE_CACHE } from './git-object-cache.ts';
import { runGit } from './run-git.ts';
import { readableBlobRecord } from './readable-blob-record.ts';
import type { WorkspaceBase } from '../agents/workspace-types.ts';

/** Options of `createLocalGitBase`. */
export interface LocalGitBaseOptions {
  /** A directory inside the repository (its working tree, or a bare repository). */
  repoDir: string;
  /** Branch, tag or commit; default `HEAD`. */
  ref?: string;
  /** Extra secret-file globs; the defaults always apply. */
  secretFiles?: readonly string[];
}

/** A workspace base read from a commit of a local repository. */
export interface LocalGitBase extends WorkspaceBase {
  /** The commit the ref resolved to on first use; the base stays on it even if the ref moves. */
  commit(): Promise<string>;
}

/**
 * A `WorkspaceBase` over one commit of a local git repository, read with `git ls-tree -r -l -z`
 * and `git cat-file blob`; the working tree and index are never looked at. The ref is resolved
 * once, on first use; a directory that is not a repository or an unknown ref rejects with an
 * `AosError` that says so. Symlinks and submodules are listed but read as null; a secret file is
 * listed but `readBlob` rejects with `secret_file` without reading it.
 */
export function createLocalGitBase(options: LocalGitBaseOptions): LocalGitBase {
  const { repoDir, ref = 'HEAD' } = options;
  let commit: Promise<string> | undefined;
  let tree: Promise<Map<string, LsTreeRecord>> | undefined;
  const resolveCommit = (): Promise<string> => (commit ??= resolveGitCommit(repoDir, ref));
  const readBlobById = createBlobBatcher(repoDir);
  const records = (): Promise<Map<string, LsTreeRecord>> =>
    (tree ??= resolveCommit().then((sha) => {
      const key = `${repoDir}\0${sha}`;
      const cached = TREE_CACHE.get(key) as Promise<Map<string, LsTreeRecord>> | undefined;
      if (cached) return cached;
      const listing = runGit(repoDir, ['ls-tree', '-r', '-l', '-z', '--full-tree', sha]).then(
        (output) => new Map(parseLsTree(output).map((record) => [record.path, record])),
      );
      TREE_CACHE.set(key, listing);
      listing.catch(() => TREE_CACHE.delete(key));
      return listing;
    }));
  return {
    commit: resolveCommit,
    async listTree() {
      return [...(await records()).values()].map(({ path, size, mode }) => ({ path, size, mode }));
    },
    async readBlob(path) {
      const record = readableBlobRecord(await records(), path, options.secretFiles ?? []);
      return record === null ? null : readBlobById(record.oid);
    },
  };
}
