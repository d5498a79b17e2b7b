import { createLocalGitBase, type LocalGitBase } from '../../workspace/create-local-git-base.ts';
import { isAosError, type AosErrorCode } from '../../observability/aos-error.ts';
import { UsageError } from '../usage-error.ts';

/** Git failures that mean the user pointed at the wrong place or commit: bad input, exit code 2. */
const INPUT_ERRORS: readonly AosErrorCode[] = ['git_repo_missing', 'git_not_a_repository', 'git_unknown_ref'];

/**
 * The workspace base of a local command: `ref` of the repository at `repoDir`, resolved to its
 * commit now, so a wrong directory or an unknown commit is a UsageError before anything else runs.
 */
export async function resolveRepoBase(repoDir: string, ref: string): Promise<{ base: LocalGitBase; sha: string }> {
  const base = createLocalGitBase({ repoDir, ref });
  try {
    return { base, sha: await base.commit() };
  } catch (error) {
    if (INPUT_ERRORS.some((code) => isAosError(error, code))) throw new UsageError((error as Error).message);
    throw error;
  }
}
