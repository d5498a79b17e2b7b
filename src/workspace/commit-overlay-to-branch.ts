import { AosError, isAosError } from '../observability/aos-error.ts';
import { repoPathProblem } from '../policy/edit-guard/index.ts';
import { buildGitTree } from './build-git-tree.ts';
import { resolveGitCommit } from './resolve-git-commit.ts';
import { runGit } from './run-git.ts';

/** Options of `commitOverlayToBranch`. */
export interface CommitOverlayOptions {
  repoDir: string;
  /** The commit the changes apply to: the workspace base's commit. */
  baseRef: string;
  /** Name of the branch to create, without `refs/heads/`; it must not exist yet. */
  branch: string;
  message: string;
  /** Path → new content (null: delete), as `Workspace.changedFiles()` returns them. */
  changes: ReadonlyMap<string, string | null>;
  /** Author and committer of the commit. */
  author: { name: string; email: string };
}

/**
 * Commits overlay changes on top of `baseRef` to a new branch and returns the commit id. The
 * user's working tree, index and current branch are never touched: blobs and trees are written
 * straight into the object database, the commit with `git commit-tree`, and the branch with
 * `git update-ref` against the all-zero id, so an existing branch is never overwritten, not even
 * one created concurrently. Failures are `AosError`s: `git_invalid_branch`, `git_branch_exists`,
 * `git_invalid_change`, `git_nothing_to_commit`, `git_unknown_ref`.
 */
export async function commitOverlayToBranch(options: CommitOverlayOptions): Promise<string> {
  const { repoDir, branch, author } = options;
  const ref = `refs/heads/${branch}`;
  await runGit(repoDir, ['check-ref-format', ref]).catch((error: unknown) => {
    throw isAosError(error, 'git_failed') ? new AosError('git_invalid_branch', `"${branch}" is not a valid branch name`) : error;
  });
  if (!/^[^<>\n]+$/.test(author.name) || !/^[^<>\s]+$/.test(author.email))
    throw new AosError('git_invalid_change', 'the commit author needs a name and an email without <, > or line breaks');
  for (const path of options.changes.keys()) {
    const problem = repoPathProblem(path);
    if (problem !== null) throw new AosError('git_invalid_change', `cannot commit ${JSON.stringify(path)}: the path ${problem}`);
  }
  const base = await resolveGitCommit(repoDir, options.baseRef);
  const exists = (): AosError =>
    new AosError('git_branch_exists', `branch "${branch}" already exists in ${repoDir}; aos never overwrites a branch`);
  if (await refExists(repoDir, ref)) throw exists();
  const baseTree = (await runGit(repoDir, ['rev-parse', `${base}^{tree}`])).toString('utf8').trim();
  const tree = await buildGitTree(repoDir, baseTree, options.changes);
  if (tree === baseTree)
    throw new AosError('git_nothing_to_commit', `the changes leave ${options.baseRef} as it is; there is nothing to commit`);
  const identity = ['-c', `user.name=${author.name}`, '-c', `user.email=${author.email}`];
  const commit = (await runGit(repoDir, [...identity, 'commit-tree', tree, '-p', base, '-F', '-'], { input: options.message }))
    .toString('utf8')
    .trim();
  await runGit(repoDir, ['update-ref', '-m', 'aos: commit overlay', ref, commit, '0'.repeat(commit.length)]).catch((error: unknown) => {
    throw isAosError(error, 'git_failed') ? exists() : error;
  });
  return commit;
}

async function refExists(repoDir: string, ref: string): Promise<boolean> {
  try {
    await runGit(repoDir, ['rev-parse', '--verify', '--quiet', ref]);
    return true;
  } catch (error) {
    if (isAosError(error, 'git_failed')) return false;
    throw error;
  }
}
