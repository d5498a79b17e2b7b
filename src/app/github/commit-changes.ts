import { AosError } from '../../observability/aos-error.ts';
import { repoPathProblem } from '../../policy/edit-guard/index.ts';
import { branchNameProblem } from './branch-name-problem.ts';
import { listGithubTree } from '../../lib/list-github-tree.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { requestStatus } from '../../lib/request-status.ts';

/** Options of `commitChanges`. */
export interface CommitChangesOptions extends RepoTarget {
  /** The parent commit: the workspace base for a new branch, the branch head for a revision. */
  baseSha: string;
  /** Branch name without `refs/heads/`. */
  branch: string;
  /** `create` (default): the branch must not exist yet. `update`: it exists and its head is `baseSha`. */
  branchMode?: 'create' | 'update';
  message: string;
  /** Path → new content (null: delete), as `Workspace.changedFiles()` returns them. */
  changes: ReadonlyMap<string, string | null>;
  /** Commit author; GitHub uses the app's identity when absent. */
  author?: { name: string; email: string };
  /**
   * Path → git mode of the base tree's files, when the caller has them (the run's workspace read the
   * tree already); absent, the base tree is listed here, which for a tree GitHub truncates costs one
   * request per folder.
   */
  baseModes?: ReadonlyMap<string, string>;
}

/** Blobs created at once. */
const BLOB_CONCURRENCY = 4;

/**
 * Commits changes on top of `baseSha` through the Git Data API and returns the new commit's sha:
 * one blob per changed file, a tree on top of the base tree (a deleted file is an entry with
 * `sha: null`), the commit, then the branch. Each file keeps the mode the base tree gives it, as
 * on the local git path (`100755` stays executable; a new file is `100644`), read from the base
 * tree here so that no caller can forget it; a file is never written over a symlink or submodule
 * of the base. A new branch is created and never overwrites an existing one
 * (`github_branch_exists`); an existing branch only moves forward (`force: false`), so a commit
 * pushed meanwhile makes the update fail (`github_branch_moved`) instead of being lost. An empty
 * change set or a bad path or branch name is refused before any request.
 */
export async function commitChanges(options: CommitChangesOptions): Promise<string> {
  const { octokit, owner, repo, branch, changes, baseSha } = options;
  if (changes.size === 0) throw new AosError('github_nothing_to_commit', 'there are no changes to commit');
  const branchProblem = branchNameProblem(branch);
  if (branchProblem !== null) throw new AosError('github_invalid_branch', `the branch name ${JSON.stringify(branch)} ${branchProblem}`);
  for (const path of changes.keys()) {
    const problem = repoPathProblem(path);
    if (problem !== null) throw new AosError('github_invalid_change', `cannot commit ${JSON.stringify(path)}: the path ${problem}`);
  }

  // base_tree must be a tree: the base commit's, not the commit itself.
  const { data: baseCommit } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: baseSha });
  const baseModes =
    options.baseModes ?? new Map((await listGithubTree(options, baseCommit.tree.sha)).map((entry) => [entry.path, entry.mode]));
  for (const path of changes.keys()) {
    const mode = baseModes.get(path);
    if (mode === '120000' || mode === '160000')
      throw new AosError(
        'github_invalid_change',
        `cannot commit ${JSON.stringify(path)}: it is a ${mode === '120000' ? 'symbolic link' : 'submodule'} in the base commit`,
      );
  }
  const modeOf = (path: string): '100644' | '100755' => (baseModes.get(path) === '100755' ? '100755' : '100644');

  const entries: Array<{ path: string; mode: '100644' | '100755'; type: 'blob'; sha: string | null }> = [];
  const list = [...changes].sort(([a], [b]) => (a < b ? -1 : 1));
  for (let start = 0; start < list.length; start += BLOB_CONCURRENCY) {
    const batch = await Promise.all(
      list.slice(start, start + BLOB_CONCURRENCY).map(async ([path, content]) => {
        if (content === null) return { path, mode: modeOf(path), type: 'blob' as const, sha: null };
        const { data } = await octokit.rest.git.createBlob({ owner, repo, content, encoding: 'utf-8' });
        return { path, mode: modeOf(path), type: 'blob' as const, sha: data.sha };
      }),
    );
    entries.push(...batch);
  }

  const { data: tree } = await octokit.rest.git.createTree({ owner, repo, base_tree: baseCommit.tree.sha, tree: entries });
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: options.message,
    tree: tree.sha,
    parents: [baseSha],
    ...(options.author === undefined ? {} : { author: options.author }),
  });

  try {
    if (options.branchMode === 'update')
      await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.sha, force: false });
    else await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit.sha });
  } catch (error) {
    if (requestStatus(error) !== 422) throw error;
    throw options.branchMode === 'update'
      ? new AosError(
          'github_branch_moved',
          `branch "${branch}" no longer ends at ${baseSha} (someone pushed to it, or it is gone); aos does not force-push`,
          { cause: error },
        )
      : new AosError('github_branch_exists', `branch "${branch}" already exists in ${owner}/${repo}; aos never overwrites a branch`, {
          cause: error,
        });
  }
  return commit.sha;
}
