import { AosError, isAosError } from '../observability/aos-error.ts';
import { runGit } from './run-git.ts';

/**
 * The full commit id `ref` names in `repoDir`. An unknown ref (or one that is not a commit, or an
 * empty repository's HEAD) is an `AosError` with code `git_unknown_ref`.
 */
export async function resolveGitCommit(repoDir: string, ref: string): Promise<string> {
  const unknown = (cause?: unknown): AosError =>
    new AosError(
      'git_unknown_ref',
      `"${ref}" does not name a commit in ${repoDir} (unknown branch, tag or commit, or an empty repository)`,
      { cause },
    );
  // A ref starting with "-" would be read as an option.
  if (ref === '' || ref.startsWith('-')) throw unknown();
  try {
    const sha = (await runGit(repoDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).toString('utf8').trim();
    if (!/^[0-9a-f]{40,64}$/.test(sha)) throw unknown();
    return sha;
  } catch (error) {
    if (isAosError(error, 'git_failed')) throw unknown(error);
    throw error;
  }
}
