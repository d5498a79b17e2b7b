import { existsSync } from 'node:fs';
import path from 'node:path';
import { detectFormat } from '../packages/parsers/parse-dependency-file.ts';
import { runGit } from './run-git-exit-code.ts';

/** What verify-packages needs from the git checkout it runs in. */
export interface GitRepository {
  /** True when `cwd` is inside a git work tree. */
  isRepository(): Promise<boolean>;
  /** True when `ref` names a commit. */
  isCommit(ref: string): Promise<boolean>;
  /** Dependency files aos reads, tracked or new (not ignored), that exist on disk; paths relative to `cwd`. */
  listDependencyFiles(): Promise<string[]>;
  /** A file's text at `ref` (path relative to `cwd`); null when the file does not exist there. */
  readAt(ref: string, file: string): Promise<string | null>;
}

/** The git checkout containing `cwd`, driven through the git command. */
export function createGitRepository(cwd: string): GitRepository {
  return {
    async isRepository() {
      const result = await runGit(['rev-parse', '--is-inside-work-tree'], cwd);
      return result.code === 0 && result.stdout.trim() === 'true';
    },
    async isCommit(ref) {
      if (ref.startsWith('-')) return false;
      return (await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd)).code === 0;
    },
    async listDependencyFiles() {
      const result = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], cwd);
      const files = [...new Set(result.stdout.split('\0').filter((file) => file !== ''))];
      return files.filter((file) => detectFormat(file) !== null && existsSync(path.join(cwd, file))).sort();
    },
    async readAt(ref, file) {
      const result = await runGit(['show', `${ref}:./${file.split(path.sep).join('/')}`], cwd);
      return result.code === 0 ? result.stdout : null;
    },
  };
}
