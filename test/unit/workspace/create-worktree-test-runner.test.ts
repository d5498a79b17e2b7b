import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorktreeTestRunner } from '#src/workspace/create-worktree-test-runner.ts';
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

const worktrees = () =>
  repo
    .git(['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree ')).length;

describe('createWorktreeTestRunner', () => {
  it('runs the command on the base commit plus the changes as they are at call time, outside the checkout', async () => {
    let changes = new Map<string, string | null>([['src/math.ts', 'return a + b;\n']]);
    const runner = createWorktreeTestRunner({ repoDir: repo.dir, baseRef: sha, changes: () => changes, environment: process.env });
    changes = new Map<string, string | null>([
      ['src/math.ts', 'return a + b + 0;\n'],
      ['README.md', null],
      ['src/new/file.ts', 'new\n'],
    ]);
    const result = await runner.run(
      'cat src/math.ts src/new/file.ts; test -e README.md || echo "readme deleted"; git rev-parse HEAD',
      10_000,
    );
    expect(result).toEqual({ passed: true, timedOut: false, output: `return a + b + 0;\nnew\nreadme deleted\n${sha}\n` });
    expect(repo.git(['status', '--porcelain'])).toBe(' M src/math.ts\n');
    expect(worktrees()).toBe(1);
  });

  it('fails on a non-zero exit and keeps only the last 4 KB of output', async () => {
    const runner = createWorktreeTestRunner({ repoDir: repo.dir, baseRef: sha, changes: () => new Map(), environment: process.env });
    const result = await runner.run('i=0; while [ $i -lt 2000 ]; do echo "line $i"; i=$((i+1)); done; echo "the end" >&2; exit 1', 10_000);
    expect(result.passed).toBe(false);
    expect(result.timedOut).toBe(false);
    expect(Buffer.byteLength(result.output)).toBe(4096);
    expect(result.output.endsWith('line 1999\nthe end\n')).toBe(true);
  });

  it('kills the whole process group at the timeout and still removes the worktree', async () => {
    const runner = createWorktreeTestRunner({ repoDir: repo.dir, baseRef: sha, changes: () => new Map(), environment: process.env });
    const started = Date.now();
    const result = await runner.run('echo started; sleep 37 & sleep 37; wait', 500);
    expect(result).toMatchObject({ passed: false, timedOut: true });
    expect(result.output).toContain('started');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(
      execFileSync('ps', ['-eo', 'args'])
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() === 'sleep 37'),
    ).toEqual([]);
    expect(worktrees()).toBe(1);
  });

  it('hides every credential-shaped variable from the command, and keeps the rest of the environment', async () => {
    const credentials: Record<string, string> = {
      GITHUB_TOKEN: 'leak-github-token',
      GH_PAT: 'leak-gh-pat',
      STRIPE_API_KEY: 'leak-stripe',
      SIGNING_KEY: 'leak-signing-key',
      CLIENT_SECRET: 'leak-client-secret',
      PGPASSWORD: 'leak-pgpassword',
      GOOGLE_APPLICATION_CREDENTIALS: '/leak/credentials.json',
      PRIVATE_KEY_PATH: '/leak/key.pem',
      AWS_REGION: 'leak-aws-region',
      AZURE_TENANT_ID: 'leak-azure',
      NPM_CONFIG__AUTH: 'leak-npm-auth',
      DATABASE_URL: 'postgres://u:leak-db@db/app',
      REDIS_URL: 'redis://:leak-redis@cache',
      WEBHOOK_SECRET: 'leak-webhook',
      AOS_RUN_LINK_SECRET: 'leak-run-link-secret-of-32-bytes!',
    };
    const kept = { GIT_AUTHOR_NAME: 'kept-author', TOKENIZERS_PARALLELISM: 'kept-tokenizers' };
    const printed = path.join(mkdtempSync(path.join(tmpdir(), 'aos-env-')), 'env.txt');
    Object.assign(process.env, credentials, kept);
    try {
      const runner = createWorktreeTestRunner({ repoDir: repo.dir, baseRef: sha, changes: () => new Map(), environment: process.env });
      // To a file, not the output: the output keeps only its last 4 KB.
      const result = await runner.run(`env > '${printed}'`, 10_000);
      expect(result.passed).toBe(true);
      const environment = readFileSync(printed, 'utf8');
      const seen = new Set(environment.split('\n').map((line) => line.slice(0, line.indexOf('='))));
      for (const name of Object.keys(credentials)) expect(seen.has(name), name).toBe(false);
      expect(environment).not.toContain('leak-');
      expect(environment).toContain('GIT_AUTHOR_NAME=kept-author');
      expect(environment).toContain('TOKENIZERS_PARALLELISM=kept-tokenizers');
      expect(seen.has('PATH')).toBe(true);
    } finally {
      for (const name of [...Object.keys(credentials), ...Object.keys(kept)]) delete process.env[name];
      rmSync(path.dirname(printed), { recursive: true, force: true });
    }
  });

  it('refuses a change path outside the repository and removes the worktree', async () => {
    const runner = createWorktreeTestRunner({
      repoDir: repo.dir,
      baseRef: sha,
      changes: () => new Map([['../escape.txt', 'x']]),
      environment: process.env,
    });
    await expect(runner.run('true', 10_000)).rejects.toThrow('cannot write "../escape.txt"');
    expect(worktrees()).toBe(1);
  });
});
