import { describe, expect, it } from 'vitest';
import {
  checkEdit,
  checkEditLimits,
  DEFAULT_DENY_GLOBS,
  DEFAULT_EDIT_GUARD_POLICY,
  mergeDenyGlobs,
  type AddedLine,
  type EditGuardInput,
  type EditGuardPolicy,
} from '../../../src/policy/edit-guard.ts';

// Fakes assembled at run time so that this file does not itself trip secret scanners.
const AWS_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const GITHUB_TOKEN = ['ghp', '_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');
const PEM_BEGIN = ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' ');
const MARKER = ['TO', 'DO'].join('');

const symlinks = new Set(['linked', 'docs/latest']);
const repo = { isSymlink: (path: string): boolean => symlinks.has(path), isSubmodule: (path: string): boolean => path === 'vendor/lib' };

function input(path: string, lines: string[] = ['export const ok = 1;'], policy: EditGuardPolicy = DEFAULT_EDIT_GUARD_POLICY): EditGuardInput {
  const addedLines: AddedLine[] = lines.map((text, index) => ({ line: index + 10, text }));
  return { edit: { kind: 'create', path }, repo, newContent: lines.join('\n'), addedLines, policy };
}

describe('checkEdit', () => {
  it.each([
    ['.github/workflows/ci.yml', 'deny_glob'],
    ['.github/workflows/nested/release.yaml', 'deny_glob'],
    ['../outside', 'path_outside_repo'],
    ['/etc/passwd', 'path_outside_repo'],
    ['a/../../x', 'path_outside_repo'],
    ['C:/Windows/win.ini', 'path_outside_repo'],
    ['src\\evil.ts', 'path_outside_repo'],
    ['src/\0.ts', 'path_outside_repo'],
    ['', 'path_outside_repo'],
    ['src//a.ts', 'path_outside_repo'],
    ['.git/config', 'path_outside_repo'],
    ['linked/passwd', 'path_outside_repo'],
    ['docs/latest/index.md', 'path_outside_repo'],
    ['linked', 'path_outside_repo'],
    ['vendor/lib/file.c', 'path_outside_repo'],
    ['.env', 'deny_glob'],
    ['.env.production', 'deny_glob'],
    ['config/.env.local', 'deny_glob'],
    ['keys/server.pem', 'deny_glob'],
    ['keys/SERVER.PEM', 'deny_glob'],
    ['id_rsa', 'deny_glob'],
    ['home/.ssh/id_rsa.pub', 'deny_glob'],
    ['assets/logo.png', 'binary'],
    ['dist/app.wasm', 'binary'],
    ['fonts/a.WOFF2', 'binary'],
  ])('refuses %j with %s', (path, rule) => {
    const decision = checkEdit(input(path));
    expect(decision).toMatchObject({ allow: false, rule, path });
  });

  it.each(['src/index.ts', 'README.md', '.github/aos.yml', 'docs/environment.md', 'src/pem-reader.ts', 'linked-list.ts', 'docs/latest-news.md'])(
    'allows a normal edit of %j',
    (path) => {
      expect(checkEdit(input(path))).toEqual({ allow: true });
    },
  );

  it('names the symlinked directory a path escapes through', () => {
    const decision = checkEdit(input('docs/latest/index.md'));
    expect(decision.allow === false && decision.reason).toContain('"docs/latest", which is a symbolic link');
  });

  it('refuses an AWS access key id, naming kind and line but never the value', () => {
    const decision = checkEdit(input('src/aws.ts', ['const region = "eu-west-1";', `const keyId = "${AWS_KEY_ID}";`]));
    expect(decision).toMatchObject({ allow: false, rule: 'secret', line: 11 });
    expect(decision.allow === false && decision.reason).toContain('an AWS access key id (aws-access-key-id) on line 11');
    expect(JSON.stringify(decision)).not.toContain(AWS_KEY_ID);
  });

  it('refuses a private key block and a GitHub token', () => {
    const pem = checkEdit(input('src/key.ts', ['const key = `', PEM_BEGIN, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', '`;']));
    expect(pem).toMatchObject({ allow: false, rule: 'secret', line: 11 });
    expect(pem.allow === false && pem.reason).toContain('a private key block');
    const token = checkEdit(input('scripts/release.sh', [`export GH_TOKEN=${GITHUB_TOKEN}`]));
    expect(token).toMatchObject({ allow: false, rule: 'secret', line: 10 });
    expect(JSON.stringify(token)).not.toContain(GITHUB_TOKEN);
  });

  it('does not take interpolated credentials for secrets', () => {
    expect(checkEdit(input('src/db.ts', ['const url = `postgres://${user}:${password}@${host}/db`;']))).toEqual({ allow: true });
  });

  it.each([
    [`// ${MARKER}: handle errors`, MARKER],
    [`# ${['FIX', 'ME'].join('')} later`, ['FIX', 'ME'].join('')],
    [`/* ${['X', 'XX'].join('')} */`, ['X', 'XX'].join('')],
    [`  throw new Error('${['Not', 'implemented'].join(' ')}');`, ['Not', 'implemented'].join(' ')],
    [`raise ${['NotImplemented', 'Error'].join('')}`, 'NotImplemented'],
    ['    pass  # stub', 'pass  # stub'],
  ])('refuses the stub marker in %j', (line, marker) => {
    const decision = checkEdit(input('src/a.py', ['x = 1', line]));
    expect(decision).toMatchObject({ allow: false, rule: 'stub_marker', line: 11 });
    expect(decision.allow === false && decision.reason).toContain(marker);
  });

  it.each(['const todoList = [];', 'function xxxLarge() {}', 'const fixmeCount = 0;', '// implemented in the base class'])('does not take %j for a stub marker', (line) => {
    expect(checkEdit(input('src/a.ts', [line]))).toEqual({ allow: true });
  });

  it('refuses binary content: a NUL byte or U+FFFD in an added line', () => {
    expect(checkEdit(input('src/a.txt', ['ok', 'a\0b']))).toMatchObject({ allow: false, rule: 'binary', line: 11 });
    expect(checkEdit(input('src/a.txt', ['caf\uFFFD']))).toMatchObject({ allow: false, rule: 'binary', line: 10 });
  });

  it('refuses a file over maxFileBytes', () => {
    const policy = { ...DEFAULT_EDIT_GUARD_POLICY, maxFileBytes: 10 };
    expect(checkEdit(input('src/a.ts', ['0123456789abc'], policy))).toMatchObject({ allow: false, rule: 'too_large' });
  });

  it('checks only the path of a delete', () => {
    const remove = { edit: { kind: 'delete', path: 'src/old.ts' }, repo, newContent: null, addedLines: [], policy: DEFAULT_EDIT_GUARD_POLICY } as const;
    expect(checkEdit(remove)).toEqual({ allow: true });
    expect(checkEdit({ ...remove, edit: { kind: 'delete', path: '.github/workflows/ci.yml' } })).toMatchObject({ allow: false, rule: 'deny_glob' });
  });

  it('applies extra deny globs, and the defaults even when a policy leaves them out', () => {
    const policy = { ...DEFAULT_EDIT_GUARD_POLICY, denyGlobs: mergeDenyGlobs(DEFAULT_DENY_GLOBS, ['migrations/**', '*.lock']) };
    expect(checkEdit(input('migrations/001.sql', ['select 1;'], policy))).toMatchObject({ allow: false, rule: 'deny_glob' });
    expect(checkEdit(input('deep/yarn.lock', ['x'], policy))).toMatchObject({ allow: false, rule: 'deny_glob' });
    const stripped = { ...DEFAULT_EDIT_GUARD_POLICY, denyGlobs: ['docs/**'] };
    expect(checkEdit(input('.github/workflows/ci.yml', ['x'], stripped))).toMatchObject({ allow: false, rule: 'deny_glob' });
    expect(checkEdit(input('docs/a.md', ['x'], stripped))).toMatchObject({ allow: false, rule: 'deny_glob' });
  });
});

describe('mergeDenyGlobs', () => {
  it('keeps every default first and cannot remove one', () => {
    expect(mergeDenyGlobs(DEFAULT_DENY_GLOBS, ['!.github/workflows/**', ' vendor/** ', '**/*.pem', ''])).toEqual([...DEFAULT_DENY_GLOBS, 'vendor/**']);
  });
});

describe('checkEditLimits', () => {
  const policy = { maxFiles: 2, maxChangedLines: 10 };
  it('allows totals at the limits and refuses totals past them', () => {
    expect(checkEditLimits({ path: 'a', files: 2, changedLines: 10 }, policy)).toEqual({ allow: true });
    expect(checkEditLimits({ path: 'a', files: 3, changedLines: 1 }, policy)).toMatchObject({ allow: false, rule: 'too_many_files', path: 'a' });
    expect(checkEditLimits({ path: 'a', files: 1, changedLines: 11 }, policy)).toMatchObject({ allow: false, rule: 'too_many_lines' });
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_EDIT_GUARD_POLICY).toMatchObject({ maxFiles: 20, maxChangedLines: 1000, maxFileBytes: 1024 * 1024 });
  });
});
