import { existsSync } from 'node:fs';
import path from 'node:path';
import { runGit } from './run-git.ts';

/** What verify-packages needs from the git checkout it runs in. */
export interface GitRepository {
  /** True when `cwd` is inside a git work tree. */
  isRepository(): Promise<boolean>;
  /** True when `ref` names a commit. */
  isCommit(ref: string): Promise<boolean>;
  /** Files tracked or new (not ignored) that exist on disk and that `keep` accepts; paths relative to `cwd`, sorted. */
  listFiles(keep: (file: string) => boolean): Promise<string[]>;
  /** A file's text at `ref` (path relative to `cwd`); null when the file does not exist there. */
  readAt(ref: string, file: string): Promise<string | null>;
}

const text = (output: Buffer): string => output.toString('utf8');

/** The git checkout containing `cwd`, driven through the git command. */
export function createGitRepository(cwd: string): GitRepository {
  return {
    async isRepository() {
      const output = await runGit(cwd, ['rev-parse', '--is-inside-work-tree']).then(text, () => '');
      return output.trim() === 'true';
    },
    async isCommit(ref) {
      if (ref.startsWith('-')) return false;
      return runGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(
        () => true,
        () => false,
      );
    },
    async listFiles(keep) {
      const output = text(await runGit(cwd, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']));
      const files = [...new Set(output.split('\0').filter((file) => file !== ''))];
      return files.filter((file) => keep(file) && existsSync(path.join(cwd, file))).sort();
    },
    async readAt(ref, file) {
      return runGit(cwd, ['show', `${ref}:./${file.split(path.sep).join('/')}`]).then(text, () => null);
    },
  };
}
