import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorktreeTestRunner } from '../../../src/agents/create-worktree-test-runner.ts';
import { createGitTestRepo, type GitTestRepo } from '../../helpers/git-test-repo.ts';

let repo: GitTestRepo;
let sha = '';

beforeAll(() => {
  repo = createGitTestRepo();
  repo.write({ 'src/math.ts': 'return a - b;\n', 'README.md': '# readme\n' });
  sha = repo.commitAll('base');
  repo.write({ 'src/math.ts': 'uncommitted edit\n' });
});
afterAll(() => repo?.remove());

const worktrees = () => repo.git(['worktree', 'list', '--porcelain']).split('\n').filter((line) => line.startsWith('worktree ')).length;

describe('createWorktreeTestRunner', () => {
  it('runs the command on the base commit plus the changes as they are at call time, outside the checkout', async () => {
    let changes = new Map<string, string | null>([['src/math.ts', 'return a + b;\n']]);
    const runner = createWorktreeTestRunner({ repoDir: repo.dir, baseRef: sha, changes: () => changes });
    changes = new Map<string, string | null>([['src/math.ts', 'return a + b + 0;\n'], ['README.md', null], ['src/new/file.ts', 'new\n']]);
    const result = await runner.run('cat src/math.ts src/new/file.ts; test -e README.md || echo "readme deleted"; git rev-parse HEAD', 10_000);
    expect(result).toEqual({ passed: true, timedOut: false, output: `return a + b + 0;\nnew\nreadme deleted\n${sha}\n` });
    expect(repo.git(['status', '--porcelain'])).toBe(' M src/math.ts\n');
    expect(worktrees()).toBe(1);
  });

  it('fails on a non-zero exit and keeps only the last 4 KB of output', async () => {
    const runner = createWorktreeTestRunner({ repoDir: repo.dir, baseRef: sha, changes: () => new Map() });
    const result = await runner.run('i=0; while [ $i -lt 2000 ]; do echo "line $i"; i=$((i+1)); done; echo "the end" >&2; exit 1', 10_000);
    expect(result.passed).toBe(false);
    expect(result.timedOut).toBe(false);
    expect(Buffer.byteLength(result.output)).toBe(4096);
    expect(result.output.endsWith('line 1999\nthe end\n')).toBe(true);
  });

  it('kills the whole process group at the timeout and still removes the worktree', async () => {
    const runner = createWorktreeTestRunner({ repoDir: repo.dir, baseRef: sha, changes: () => new Map() });
    const started = Date.now();
    const result = await runner.run('echo started; sleep 37 & sleep 37; wait', 500);
    expect(result).toMatchObject({ passed: false, timedOut: true });
    expect(result.output).toContain('started');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(execFileSync('ps', ['-eo', 'args']).toString('utf8').split('\n').filter((line) => line.trim() === 'sleep 37')).toEqual([]);
    expect(worktrees()).toBe(1);
  });

  it("does not hand aos's secrets to the command", async () => {
    process.env.AOS_TEST_HIDDEN_SECRET = 'do-not-leak';
    try {
      const runner = createWorktreeTestRunner({ repoDir: repo.dir, baseRef: sha, changes: () => new Map(), hideVariables: ['AOS_TEST_HIDDEN_SECRET'] });
      const result = await runner.run('echo "secret=${AOS_TEST_HIDDEN_SECRET:-unset}"', 10_000);
      expect(result.output).toBe('secret=unset\n');
    } finally {
      delete process.env.AOS_TEST_HIDDEN_SECRET;
    }
  });

  it('refuses a change path outside the repository and removes the worktree', async () => {
    const runner = createWorktreeTestRunner({ repoDir: repo.dir, baseRef: sha, changes: () => new Map([['../escape.txt', 'x']]) });
    await expect(runner.run('true', 10_000)).rejects.toThrow('cannot write "../escape.txt"');
    expect(worktrees()).toBe(1);
  });
});
