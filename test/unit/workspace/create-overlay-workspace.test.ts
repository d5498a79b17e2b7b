import { describe, expect, it } from 'vitest';
import { createOverlayWorkspace } from '#src/workspace/create-overlay-workspace.ts';
import type { TreeEntry, WorkspaceBase } from '#src/agents/workspace-types.ts';
import { isAosError } from '#src/observability/aos-error.ts';
import {
  DEFAULT_EDIT_GUARD_POLICY,
  DEFAULT_SECRET_FILE_GLOBS,
  mergeProtectedGlobs,
  type EditGuardPolicy,
} from '#src/policy/edit-guard/check-edit.ts';

const MARKER = ['FIX', 'ME'].join('');

function memoryBase(
  files: Record<string, string | Buffer>,
  links: Record<string, string> = {},
  submodules: string[] = [],
): WorkspaceBase & { reads: string[] } {
  const reads: string[] = [];
  const entries: TreeEntry[] = [
    ...Object.entries(files).map(([path, content]) => ({
      path,
      size: Buffer.byteLength(content),
      mode: path.endsWith('.sh') ? '100755' : '100644',
    })),
    ...Object.keys(links).map((path) => ({ path, size: 10, mode: '120000' })),
    ...submodules.map((path) => ({ path, size: 0, mode: '160000' })),
  ];
  return {
    reads,
    listTree: () => Promise.resolve(entries),
    readBlob(path) {
      reads.push(path);
      const content = files[path] ?? links[path];
      return Promise.resolve(content === undefined ? null : Buffer.from(content));
    },
  };
}

const BASE = {
  'src/index.ts': 'export function main() {\n  return 1;\n}\n',
  'src/util.ts': 'export const util = 1;\n',
  'run.sh': '#!/bin/sh\necho hi\n',
  'logo.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
  'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
};

function workspace(
  policy: Partial<EditGuardPolicy> = {},
  files: Record<string, string | Buffer> = BASE,
): ReturnType<typeof createOverlayWorkspace> {
  return createOverlayWorkspace({
    base: memoryBase(files, { 'docs/shared': '../../etc' }),
    policy: { ...DEFAULT_EDIT_GUARD_POLICY, ...policy },
  });
}

describe('createOverlayWorkspace', () => {
  it('applies edits to the overlay only and diffs them against the base', async () => {
    const ws = workspace();
    const outcomes = await ws.applyEdits([
      { kind: 'replace', path: 'src/index.ts', search: '  return 1;', replace: '  return 2;' },
      { kind: 'create', path: 'src/new.ts', content: 'export const created = true;\n' },
      { kind: 'delete', path: 'src/util.ts' },
    ]);
    expect(outcomes).toEqual([
      { ok: true, path: 'src/index.ts', kind: 'replace' },
      { ok: true, path: 'src/new.ts', kind: 'create' },
      { ok: true, path: 'src/util.ts', kind: 'delete' },
    ]);
    expect(await ws.readFile('src/index.ts')).toBe('export function main() {\n  return 2;\n}\n');
    expect(await ws.readFile('src/util.ts')).toBeNull();
    expect((await ws.listTree()).map((entry) => entry.path)).toEqual([
      'docs/shared',
      'latin1.txt',
      'logo.bin',
      'run.sh',
      'src/index.ts',
      'src/new.ts',
    ]);
    expect([...ws.changedFiles()]).toEqual([
      ['src/index.ts', 'export function main() {\n  return 2;\n}\n'],
      ['src/new.ts', 'export const created = true;\n'],
      ['src/util.ts', null],
    ]);
    const diffs = await ws.diff();
    expect(diffs.map(({ path, status, additions, deletions }) => ({ path, status, additions, deletions }))).toEqual([
      { path: 'src/index.ts', status: 'modified', additions: 1, deletions: 1 },
      { path: 'src/new.ts', status: 'added', additions: 1, deletions: 0 },
      { path: 'src/util.ts', status: 'deleted', additions: 0, deletions: 1 },
    ]);
    expect(await ws.unifiedDiff()).toContain('diff --git a/src/util.ts b/src/util.ts\ndeleted file mode 100644\n');
    ws.reset();
    expect(ws.changedFiles().size).toBe(0);
    expect(await ws.readFile('src/index.ts')).toBe(BASE['src/index.ts']);
  });

  it('leaves the overlay unchanged when the guard refuses an edit, and says which rule', async () => {
    const ws = workspace();
    const [outcome] = await ws.applyEdits([
      { kind: 'replace', path: 'src/index.ts', search: '  return 1;', replace: `  // ${MARKER} later\n  return 1;` },
    ]);
    expect(outcome).toMatchObject({ ok: false, rule: 'stub_marker', line: 2, path: 'src/index.ts' });
    expect(ws.changedFiles().size).toBe(0);
    expect(await ws.readFile('src/index.ts')).toBe(BASE['src/index.ts']);
  });

  it('refuses escapes without reading anything', async () => {
    const base = memoryBase(BASE, { 'docs/shared': '../../etc' });
    const ws = createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY });
    const outcomes = await ws.applyEdits([
      { kind: 'create', path: 'docs/shared/passwd', content: 'x\n' },
      { kind: 'create', path: '../outside', content: 'x\n' },
      { kind: 'create', path: '.github/workflows/ci.yml', content: 'on: push\n' },
    ]);
    expect(outcomes.map((outcome) => !outcome.ok && outcome.rule)).toEqual(['path_outside_repo', 'path_outside_repo', 'deny_glob']);
    expect(base.reads).toEqual([]);
  });

  it("never reads a secret file (the defaults and the repository's own), yet lists it and keeps workflows readable", async () => {
    const files = {
      '.env': 'DATABASE_URL=postgres://admin:hunter2@db/prod\n',
      'deploy/id_ed25519': 'key material\n',
      'config/prod.yml': 'password: hunter2\n',
      '.github/workflows/ci.yml': 'on: push\n',
      '.github/actions/setup/action.yml': 'runs:\n  using: composite\n',
    };
    const base = memoryBase(files);
    const policy = { ...DEFAULT_EDIT_GUARD_POLICY, secretFiles: mergeProtectedGlobs(DEFAULT_SECRET_FILE_GLOBS, ['config/prod.yml']) };
    const ws = createOverlayWorkspace({ base, policy });
    for (const path of ['.env', 'deploy/id_ed25519', 'config/prod.yml']) {
      expect(ws.isSecretFile(path)).toBe(true);
      const read = await ws.readFile(path).catch((error: unknown) => error);
      expect(isAosError(read, 'secret_file'), path).toBe(true);
      expect((read as Error).message).toContain(`${JSON.stringify(path)} is a secret file`);
      expect(isAosError(await ws.readBaseFile(path).catch((error: unknown) => error), 'secret_file')).toBe(true);
    }
    expect(base.reads).toEqual([]);
    expect(await ws.readFile('.github/workflows/ci.yml')).toBe('on: push\n');
    expect(await ws.readFile('.github/actions/setup/action.yml')).toBe(files['.github/actions/setup/action.yml']);
    expect(ws.isSecretFile('.github/workflows/ci.yml')).toBe(false);
    expect((await ws.listTree()).map((entry) => entry.path)).toContain('.env');
    expect(JSON.stringify(await ws.listTree())).not.toContain('hunter2');
    const outcomes = await ws.applyEdits([
      { kind: 'replace', path: 'config/prod.yml', search: 'hunter2', replace: 'x' },
      { kind: 'delete', path: '.env' },
    ]);
    expect(outcomes.map((outcome) => !outcome.ok && outcome.rule)).toEqual(['secret_file', 'deny_glob']);
    expect(base.reads).toEqual(['.github/workflows/ci.yml', '.github/actions/setup/action.yml']);
  });

  it('refuses a path that differs only in case from a symlink or a submodule of the base', async () => {
    const base = memoryBase(BASE, { 'docs/shared': '../../etc', assets: '/etc' }, ['vendor/lib']);
    const ws = createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY });
    const paths = ['Docs/Shared/passwd', 'DOCS/SHARED', 'Assets/x.png.txt', 'ASSETS', 'Vendor/Lib/file.c', 'vendor/LIB/x.c'];
    const outcomes = await ws.applyEdits(paths.map((path) => ({ kind: 'create' as const, path, content: 'x\n' })));
    expect(outcomes.map((outcome) => [outcome.path, !outcome.ok && outcome.rule])).toEqual(
      paths.map((path) => [path, 'path_outside_repo']),
    );
    expect(outcomes[0]).toMatchObject({ reason: expect.stringContaining('"Docs/Shared", which is a symbolic link') });
    expect(ws.changedFiles().size).toBe(0);
    expect(base.reads).toEqual([]);
  });

  it('reports edit errors without a rule: create of an existing file, missing search text', async () => {
    const ws = workspace();
    const outcomes = await ws.applyEdits([
      { kind: 'create', path: 'src/util.ts', content: 'x\n' },
      { kind: 'replace', path: 'src/util.ts', search: 'nothing like this', replace: 'x' },
      { kind: 'create', path: 'src/util.ts/inner.ts', content: 'x\n' },
      { kind: 'create', path: 'src', content: 'x\n' },
    ]);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.reason))).toEqual([
      '"src/util.ts" already exists; use a replace edit to change it',
      expect.stringContaining('the search text was not found in "src/util.ts"'),
      'cannot create "src/util.ts/inner.ts": "src/util.ts" is a file, not a directory',
      'cannot create "src": it is a directory',
    ]);
    expect(outcomes.every((outcome) => !outcome.ok && outcome.rule === undefined)).toBe(true);
  });

  it('reads binary, non-UTF-8 and oversized files as null and refuses to edit them', async () => {
    const ws = workspace({ maxFileBytes: 30 }, { ...BASE, 'big.txt': 'x'.repeat(31) });
    expect(await ws.readFile('logo.bin')).toBeNull();
    expect(await ws.readFile('latin1.txt')).toBeNull();
    expect(await ws.readFile('big.txt')).toBeNull();
    expect(await ws.readFile('docs/shared')).toBeNull();
    expect(await ws.readFile('../etc/passwd')).toBeNull();
    const outcomes = await ws.applyEdits([
      { kind: 'delete', path: 'logo.bin' },
      { kind: 'replace', path: 'big.txt', search: 'x', replace: 'y' },
    ]);
    expect(outcomes.map((outcome) => !outcome.ok && outcome.rule)).toEqual(['binary', 'too_large']);
  });

  it('enforces the file and line limits across the whole overlay', async () => {
    const ws = workspace({ maxFiles: 2, maxChangedLines: 4 });
    const outcomes = await ws.applyEdits([
      { kind: 'create', path: 'a.ts', content: 'a\n' },
      { kind: 'create', path: 'b.ts', content: 'b\n' },
      { kind: 'create', path: 'c.ts', content: 'c\n' },
      { kind: 'replace', path: 'a.ts', search: 'a\n', replace: 'a\n1\n2\n3\n' },
      { kind: 'replace', path: 'a.ts', search: 'a\n', replace: 'a\n1\n2\n' },
    ]);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.rule))).toEqual(['ok', 'ok', 'too_many_files', 'too_many_lines', 'ok']);
    expect([...ws.changedFiles().keys()]).toEqual(['a.ts', 'b.ts']);
  });

  it('drops a file from the overlay when an edit restores its base content', async () => {
    const ws = workspace({ maxFiles: 1 });
    await ws.applyEdits([
      { kind: 'replace', path: 'src/util.ts', search: '= 1', replace: '= 2' },
      { kind: 'replace', path: 'src/util.ts', search: '= 2', replace: '= 1' },
    ]);
    expect(ws.changedFiles().size).toBe(0);
    const [outcome] = await ws.applyEdits([{ kind: 'create', path: 'other.ts', content: 'x\n' }]);
    expect(outcome?.ok).toBe(true);
  });

  it('keeps the mode of an executable in the tree and in the diff of its deletion', async () => {
    const ws = workspace();
    await ws.applyEdits([{ kind: 'replace', path: 'run.sh', search: 'echo hi', replace: 'echo hello' }]);
    expect((await ws.listTree()).find((entry) => entry.path === 'run.sh')).toEqual({ path: 'run.sh', size: 21, mode: '100755' });
    await ws.applyEdits([{ kind: 'delete', path: 'run.sh' }]);
    expect(await ws.unifiedDiff()).toContain('deleted file mode 100755');
  });
});
