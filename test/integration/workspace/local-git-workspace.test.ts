import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitOverlayToBranch } from '#src/workspace/commit-overlay-to-branch.ts';
import { createLocalGitBase } from '#src/workspace/create-local-git-base.ts';
import { createOverlayWorkspace } from '#src/workspace/create-overlay-workspace.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '#src/policy/edit-guard/check-edit.ts';
import { createGitTestRepo, type GitTestRepo } from '../../helpers/git-test-repo.ts';

const AUTHOR = { name: 'aos[bot]', email: 'aos@example.com' };

describe('local git base, overlay workspace and commitOverlayToBranch', () => {
  let repo: GitTestRepo;
  let baseSha: string;

  beforeEach(() => {
    repo = createGitTestRepo();
    repo.write({
      'README.md': '# demo\n',
      'src/index.ts': 'export function main() {\n  return 1;\n}\n',
      'src/lib/util.ts': 'export const util = 1;\n',
      'scripts/run.sh': '#!/bin/sh\necho hi\n',
      'assets/logo.bin': Buffer.from([0x89, 0x50, 0x00, 0x47]),
    });
    symlinkSync('../..', join(repo.dir, 'escape'));
    chmodSync(join(repo.dir, 'scripts/run.sh'), 0o755);
    baseSha = repo.commitAll('base');
    // Uncommitted work of the user that must survive untouched.
    repo.write({ 'README.md': '# demo, edited locally\n', 'notes.txt': 'untracked\n' });
    repo.git(['add', 'notes.txt']);
  });
  afterEach(() => repo.remove());

  it('lists and reads the committed tree, not the working tree', async () => {
    const base = createLocalGitBase({ repoDir: repo.dir });
    expect(await base.commit()).toBe(baseSha);
    const tree = await base.listTree();
    expect(tree.map((entry) => [entry.path, entry.mode])).toEqual([
      ['README.md', '100644'],
      ['assets/logo.bin', '100644'],
      ['escape', '120000'],
      ['scripts/run.sh', '100755'],
      ['src/index.ts', '100644'],
      ['src/lib/util.ts', '100644'],
    ]);
    expect(tree.find((entry) => entry.path === 'src/lib/util.ts')?.size).toBe(23);
    expect((await base.readBlob('README.md'))?.toString('utf8')).toBe('# demo\n');
    expect(await base.readBlob('notes.txt')).toBeNull();
    expect(await base.readBlob('escape')).toBeNull();
  });

  it('maps a missing directory, a non-repository and an unknown ref to clear errors', async () => {
    await expect(createLocalGitBase({ repoDir: join(repo.dir, 'nope') }).listTree()).rejects.toMatchObject({ code: 'git_repo_missing' });
    const plain = mkdtempSync(join(tmpdir(), 'aos-plain-'));
    try {
      await expect(createLocalGitBase({ repoDir: plain }).listTree()).rejects.toMatchObject({
        code: 'git_not_a_repository',
        message: `${plain} is not a git repository (or any of its parents)`,
      });
    } finally {
      rmSync(plain, { recursive: true });
    }
    await expect(createLocalGitBase({ repoDir: repo.dir, ref: 'no-such-branch' }).commit()).rejects.toMatchObject({
      code: 'git_unknown_ref',
      message: expect.stringContaining('"no-such-branch" does not name a commit'),
    });
    await expect(createLocalGitBase({ repoDir: repo.dir, ref: '--output=/tmp/x' }).commit()).rejects.toMatchObject({
      code: 'git_unknown_ref',
    });
  });

  it('commits overlay changes to a new branch without touching the working tree or index', async () => {
    const statusBefore = repo.git(['status', '--porcelain=v1', '-z']);
    const indexBefore = readFileSync(join(repo.dir, '.git', 'index'));
    const headBefore = repo.git(['symbolic-ref', 'HEAD']);
    const ws = createOverlayWorkspace({ base: createLocalGitBase({ repoDir: repo.dir }), policy: DEFAULT_EDIT_GUARD_POLICY });
    expect(await ws.readFile('assets/logo.bin')).toBeNull();
    const outcomes = await ws.applyEdits([
      { kind: 'replace', path: 'src/index.ts', search: 'return 1;', replace: 'return 2;' },
      { kind: 'create', path: 'src/feature/new.ts', content: 'export const feature = true;\n' },
      { kind: 'delete', path: 'src/lib/util.ts' },
      { kind: 'replace', path: 'scripts/run.sh', search: 'echo hi', replace: 'echo hello' },
      { kind: 'create', path: 'escape/pwned.txt', content: 'x\n' },
    ]);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.rule))).toEqual(['ok', 'ok', 'ok', 'ok', 'path_outside_repo']);

    // The overlay's own diff applies cleanly to the base commit.
    const patch = await ws.unifiedDiff();
    repo.git(['worktree', 'add', '-q', '--detach', join(repo.dir, '.git', 'check-wt'), baseSha]);
    execInWorktree(repo, ['apply', '--check', '-'], patch);

    const sha = await commitOverlayToBranch({
      repoDir: repo.dir,
      baseRef: baseSha,
      branch: 'aos/issue-1-abc',
      message: 'aos: change main\n\nFixes #1\n',
      changes: ws.changedFiles(),
      author: AUTHOR,
    });
    expect(repo.git(['rev-parse', 'refs/heads/aos/issue-1-abc']).trim()).toBe(sha);
    expect(repo.git(['rev-parse', `${sha}^`]).trim()).toBe(baseSha);
    expect(repo.git(['show', 'aos/issue-1-abc:src/index.ts'])).toBe('export function main() {\n  return 2;\n}\n');
    expect(repo.git(['show', 'aos/issue-1-abc:src/feature/new.ts'])).toBe('export const feature = true;\n');
    expect(repo.git(['ls-tree', '-r', '--name-only', 'aos/issue-1-abc']).split('\n')).not.toContain('src/lib/util.ts');
    expect(repo.git(['ls-tree', 'aos/issue-1-abc', 'src/'])).not.toContain('src/lib');
    expect(repo.git(['ls-tree', 'aos/issue-1-abc', 'scripts/run.sh'])).toMatch(/^100755 blob /);
    expect(repo.git(['ls-tree', 'aos/issue-1-abc', 'escape'])).toMatch(/^120000 blob /);
    expect(repo.git(['log', '-1', '--format=%an <%ae>%n%B', sha])).toBe('aos[bot] <aos@example.com>\naos: change main\n\nFixes #1\n\n');
    expect(repo.git(['diff', '--name-status', baseSha, sha]).trim().split('\n')).toEqual([
      'M\tscripts/run.sh',
      'A\tsrc/feature/new.ts',
      'M\tsrc/index.ts',
      'D\tsrc/lib/util.ts',
    ]);

    expect(repo.git(['status', '--porcelain=v1', '-z'])).toBe(statusBefore);
    expect(readFileSync(join(repo.dir, '.git', 'index')).equals(indexBefore)).toBe(true);
    expect(repo.git(['symbolic-ref', 'HEAD'])).toBe(headBefore);
    expect(readFileSync(join(repo.dir, 'README.md'), 'utf8')).toBe('# demo, edited locally\n');
    expect(readFileSync(join(repo.dir, 'src/lib/util.ts'), 'utf8')).toBe('export const util = 1;\n');
  });

  it('refuses to overwrite an existing branch, an invalid branch name and an empty change', async () => {
    const changes = new Map([['README.md', '# changed\n']]);
    const options = { repoDir: repo.dir, baseRef: 'HEAD', message: 'm', changes, author: AUTHOR };
    await expect(commitOverlayToBranch({ ...options, branch: 'main' })).rejects.toMatchObject({ code: 'git_branch_exists' });
    expect(repo.git(['rev-parse', 'main']).trim()).toBe(baseSha);
    await expect(commitOverlayToBranch({ ...options, branch: 'bad..name' })).rejects.toMatchObject({ code: 'git_invalid_branch' });
    await expect(
      commitOverlayToBranch({ ...options, branch: 'same', changes: new Map([['README.md', '# demo\n']]) }),
    ).rejects.toMatchObject({
      code: 'git_nothing_to_commit',
    });
    await expect(commitOverlayToBranch({ ...options, branch: 'x', changes: new Map([['../x', 'y']]) })).rejects.toMatchObject({
      code: 'git_invalid_change',
    });
    await expect(commitOverlayToBranch({ ...options, branch: 'y', changes: new Map([['missing.txt', null]]) })).rejects.toMatchObject({
      code: 'git_invalid_change',
    });
    expect(repo.git(['branch', '--list']).trim().split('\n')).toEqual(['* main']);
  });

  it('creates a branch from a deletion that empties a directory', async () => {
    const sha = await commitOverlayToBranch({
      repoDir: repo.dir,
      baseRef: 'main',
      branch: 'empty-lib',
      message: 'remove util',
      changes: new Map([['src/lib/util.ts', null]]),
      author: AUTHOR,
    });
    expect(repo.git(['ls-tree', '-r', '--name-only', sha]).trim().split('\n')).toEqual([
      'README.md',
      'assets/logo.bin',
      'escape',
      'scripts/run.sh',
      'src/index.ts',
    ]);
  });
});

function execInWorktree(repo: GitTestRepo, args: string[], input: string): void {
  repo.git(['-C', join(repo.dir, '.git', 'check-wt'), ...args], input);
}
