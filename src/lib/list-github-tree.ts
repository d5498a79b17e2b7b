import type { RepoTarget } from './repo-target.ts';

/** One non-directory entry of a GitHub tree, with what reading it needs. */
export interface GithubTreeRecord {
  path: string;
  mode: string;
  /** `blob` for files and symlinks, `commit` for submodules. */
  type: 'blob' | 'commit';
  sha: string;
  size: number;
}

interface RawEntry {
  path?: string;
  mode?: string;
  type?: string;
  sha?: string;
  size?: number;
}

/** Subtrees fetched at once while walking a truncated tree. */
const WALK_CONCURRENCY = 8;

function record(path: string, entry: RawEntry): GithubTreeRecord | null {
  if ((entry.type !== 'blob' && entry.type !== 'commit') || entry.sha === undefined || entry.mode === undefined) return null;
  return { path, mode: entry.mode, type: entry.type, sha: entry.sha, size: entry.size ?? 0 };
}

/**
 * Every blob, symlink and submodule of a tree. One recursive `git.getTree` call when GitHub can
 * answer it whole; when it answers `truncated: true` (over 100,000 entries or 7 MB), the tree is
 * walked again one directory at a time, each `getTree` call non-recursive, so nothing is missed.
 */
export async function listGithubTree(target: RepoTarget, treeSha: string): Promise<GithubTreeRecord[]> {
  const { octokit, owner, repo } = target;
  const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha, recursive: 'true' });
  if (!data.truncated) return data.tree.flatMap((entry) => record(entry.path, entry) ?? []);

  const records: GithubTreeRecord[] = [];
  let level: Array<{ prefix: string; sha: string }> = [{ prefix: '', sha: treeSha }];
  while (level.length > 0) {
    const next: Array<{ prefix: string; sha: string }> = [];
    for (let start = 0; start < level.length; start += WALK_CONCURRENCY) {
      const answers = await Promise.all(
        level
          .slice(start, start + WALK_CONCURRENCY)
          .map(async (dir) => ({ dir, tree: (await octokit.rest.git.getTree({ owner, repo, tree_sha: dir.sha })).data.tree })),
      );
      for (const { dir, tree } of answers) {
        for (const entry of tree) {
          const path = `${dir.prefix}${entry.path}`;
          if (entry.type === 'tree' && entry.sha !== undefined) next.push({ prefix: `${path}/`, sha: entry.sha });
          const found = record(path, entry);
          if (found !== null) records.push(found);
        }
      }
    }
    level = next;
  }
  return records.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
