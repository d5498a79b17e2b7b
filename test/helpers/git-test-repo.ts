import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Test repositories must not depend on the developer's git configuration (signing, hooks, names).
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
};
const IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

/** A throw-away git repository for tests. */
export interface GitTestRepo {
  dir: string;
  git(args: string[], input?: string | Buffer): string;
  write(files: Record<string, string | Buffer>): void;
  commitAll(message: string): string;
  remove(): void;
}

/** Creates an empty repository (branch `main`) in a new temporary directory. */
export function createGitTestRepo(): GitTestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'aos-git-'));
  const git = (args: string[], input?: string | Buffer): string =>
    execFileSync('git', [...IDENTITY, ...args], { cwd: dir, env: GIT_ENV, input: input ?? '', maxBuffer: 64 * 1024 * 1024 }).toString(
      'utf8',
    );
  git(['init', '-q', '-b', 'main']);
  return {
    dir,
    git,
    write(files) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
    },
    commitAll(message) {
      git(['add', '-A']);
      git(['commit', '-q', '-m', message]);
      return git(['rev-parse', 'HEAD']).trim();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
