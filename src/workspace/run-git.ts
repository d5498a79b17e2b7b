import { execFile, type ExecFileException } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AosError } from '../observability/aos-error.ts';

/** Options of `runGit`. */
export interface RunGitOptions {
  /** Written to git's standard input. */
  input?: string | Buffer;
}

const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/**
 * Runs `git <args>` in `repoDir` and resolves with its standard output. Failures become
 * `AosError`s that say what is wrong: `git_unavailable` (git is not installed), `git_repo_missing`
 * (no such directory), `git_not_a_repository`, or `git_failed` with git's own message.
 */
export function runGit(repoDir: string, args: readonly string[], options: RunGitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd: repoDir, encoding: 'buffer', maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true },
      (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else reject(gitError(repoDir, args, error, stderr.toString('utf8')));
      },
    );
    // git may exit before reading all of its input (a failed command); that is reported above.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

function gitError(repoDir: string, args: readonly string[], error: ExecFileException, stderr: string): AosError {
  const command = `git ${args[0] ?? ''}`;
  if (error.code === 'ENOENT') {
    return existsSync(repoDir)
      ? new AosError('git_unavailable', 'git is not installed or not on PATH; aos needs it to read a local repository', { cause: error })
      : new AosError('git_repo_missing', `${repoDir} does not exist`, { cause: error });
  }
  if (/not a git repository/i.test(stderr)) {
    return new AosError('git_not_a_repository', `${repoDir} is not a git repository (or any of its parents)`, { cause: error });
  }
  const message =
    stderr
      .trim()
      .split('\n')
      .find((line) => line.trim() !== '') ?? error.message;
  return new AosError('git_failed', `${command} failed in ${repoDir}: ${message.replace(/^(fatal|error): /, '')}`, { cause: error });
}
