import { describe, expect, it } from 'vitest';
import { renderPackageRealityCheck } from '#src/app/github/render-package-reality-check.ts';
import { parseDependencyFile } from '#src/packages/parsers/parse-dependency-file.ts';
import { renderTextSummary } from '#src/packages/report/render-text-summary.ts';
import { verifyDependencies } from '#src/packages/verify/verify-dependencies.ts';
import { policyWith } from './fixtures.ts';
import { readFixture } from './parsers/read-fixture.ts';

/**
 * Without registry or OSV, and with the policy only warning on what it cannot check, every
 * well-formed file passes (the control rows below): so a failure here comes from the file alone.
 */
const lenient = policyWith({ on_unverifiable: 'warn', on_non_registry_source: 'warn' });

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const bomb = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  ...'bcdefg'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[index]}`).join(', ')}]`),
].join('\n');
const lockV3 = (entries: string) => `{\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "demo" },\n${entries}\n  }\n}\n`;
const pnpm9 = (packages: string) => `lockfileVersion: '9.0'\n\npackages:\n\n${packages}\n`;
const berry = (entries: string) => `__metadata:\n  version: 8\n\n${entries}\n`;

/** [file, what is wrong, text, line of the problem]. */
const PROBES: Array<[string, string, string, number]> = [
  ['package.json', 'empty', '', 1],
  ['package.json', 'blank lines only', '\n\n  \n', 1],
  ['package.json', 'a syntax error mid-file', '{\n  "dependencies": {\n    "a": "^1.0.0",\n    "b" "^2.0.0"\n  }\n}\n', 4],
  ['package.json', 'truncated', '{\n  "dependencies": {\n    "a": "^1.0.0",\n', 4],
  ['package.json', 'a list instead of an object', '[\n  "a"\n]\n', 1],
  ['package.json', '"dependencies" is a list', '{\n  "dependencies": ["a"]\n}\n', 2],
  ['package.json', 'a spec that is a number', '{\n  "dependencies": {\n    "a": 1\n  }\n}\n', 3],
  ['package.json', 'a comment', '{\n  // deps\n  "dependencies": {}\n}\n', 2],
  ['package.json', 'nested past the limit', `{\n  "x": ${nested(10_000)}\n}\n`, 2],
  ['package.json', 'not UTF-8', '{\n  "name": "caf\uFFFD",\n  "dependencies": { "a": "^1.0.0" }\n}\n', 2],
  ['package-lock.json', 'empty', '', 1],
  ['package-lock.json', 'truncated', readFixture('package-lock-v3/package-lock.json').split('\n').slice(0, 39).join('\n'), 39],
  ['package-lock.json', '"version": 1', lockV3('    "node_modules/a": { "version": 1 }'), 5],
  ['package-lock.json', '"packages" is a list', '{\n  "lockfileVersion": 3,\n  "packages": []\n}\n', 3],
  ['package-lock.json', 'lockfileVersion is a string', '{\n  "lockfileVersion": "3",\n  "packages": {}\n}\n', 2],
  ['package-lock.json', 'no packages and no dependencies', '{\n  "name": "demo"\n}\n', 1],
  [
    'package-lock.json',
    'a v1 entry whose version is a number',
    '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "a": { "version": 1 }\n  }\n}\n',
    4,
  ],
  ['package-lock.json', 'a registry entry without a version', lockV3('    "node_modules/a": { "integrity": "sha512-AAAA" }'), 5],
  ['package-lock.json', 'a NUL byte', lockV3('    "node_modules/a": { "version": "1.0.0\u0000" }'), 5],
  ['yarn.lock', 'empty', '', 1],
  ['yarn.lock', 'a line that is no entry header', '# yarn lockfile v1\n\na@^1:\n  version "1.0.0"\n\ngarbage here\n', 6],
  ['yarn.lock', 'truncated inside a field', '# yarn lockfile v1\n\na@^1:\n  version "1.0', 4],
  ['yarn.lock', 'an entry without a version', '# yarn lockfile v1\n\na@^1:\n  resolved "https://registry.example/a/-/a-1.0.0.tgz"\n', 3],
  ['yarn.lock', 'an unreadable line inside an entry', '# yarn lockfile v1\n\na@^1:\n  version "1.0.0"\n   %%% junk\n', 5],
  ['yarn.lock', 'not UTF-8', '# yarn lockfile v1\n\na@^1:\n  version "1.0.0\uFFFD"\n', 4],
  ['yarn.lock', 'berry: invalid YAML', berry('"a@npm:1":\n  version: 1.0.0\n   resolution: x'), 5],
  ['yarn.lock', 'berry: a version that is a mapping', berry('"a@npm:1":\n  version: { x: 1 }\n  resolution: "a@npm:1.0.0"'), 4],
  ['yarn.lock', 'berry: an entry without a resolution', berry('"a@npm:1":\n  version: 1.0.0'), 4],
  [
    'yarn.lock',
    'berry: an alias bomb',
    `__metadata:\n  version: 8\n${bomb.replace(/^/gm, '  ')}\n\n"a@npm:1":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n  dependencies: *g\n`,
    4,
  ],
  ['pnpm-lock.yaml', 'empty', '', 1],
  ['pnpm-lock.yaml', 'comments only', '# nothing here\n', 1],
  ['pnpm-lock.yaml', 'a scalar document', 'hello\n', 1],
  ['pnpm-lock.yaml', '"packages" is a list', "lockfileVersion: '9.0'\npackages:\n  - a@1.0.0\n", 3],
  ['pnpm-lock.yaml', '"importers" is a list', "lockfileVersion: '9.0'\nimporters:\n  - .\n", 3],
  ['pnpm-lock.yaml', 'an unknown lockfileVersion', "lockfileVersion: 'x'\npackages: {}\n", 1],
  ['pnpm-lock.yaml', 'an entry that is a string', pnpm9('  a@1.0.0: hello'), 5],
  ['pnpm-lock.yaml', 'a resolution that is a string', pnpm9('  a@1.0.0:\n    resolution: sha512-AAAA'), 5],
  ['pnpm-lock.yaml', 'an odd key', pnpm9("  '/foo/bar':\n    resolution: {integrity: sha512-AAAA}"), 5],
  ['pnpm-lock.yaml', 'truncated inside a flow map', pnpm9('  a@1.0.0:\n    resolution: {integrity: sha512-AA'), 7],
  [
    'pnpm-lock.yaml',
    'a key declared twice',
    pnpm9('  a@1.0.0:\n    resolution: {integrity: x}\n  a@1.0.0:\n    resolution: {integrity: y}'),
    7,
  ],
  ['pnpm-lock.yaml', 'an alias bomb', `${bomb}\nlockfileVersion: '9.0'\npackages:\n  a@1.0.0: *g\n`, 2],
  ['pnpm-lock.yaml', 'nested past the limit', `lockfileVersion: '9.0'\nx: ${nested(100_000)}\n`, 2],
  ['requirements.txt', 'not UTF-8', 'flask==3.0.0\nreq\uFFFDests==2.32.3\n', 2],
  ['requirements/dev.txt', 'a NUL byte', 'flask==3.0.0\u0000\n', 1],
  ['poetry.lock', 'empty', '', 1],
  ['poetry.lock', 'invalid TOML', '[[package]]\nname = "a"\nversion = "1.0\n', 3],
  ['uv.lock', 'empty', '\n', 1],
  [
    'uv.lock',
    'invalid TOML',
    'version = 1\n[[package]]\nname = "a"\nversion = "1.0"\nsource = { registry = "https://pypi.example/simple"\n',
    6,
  ],
];

describe('malformed dependency files: a problem with file and line, and never PASS', () => {
  it.each(PROBES)('%s, %s', async (file, _what, text, line) => {
    const parsed = parseDependencyFile(text, file);
    expect(parsed).not.toBeNull();
    const problems = parsed?.problems ?? [];
    expect(problems.map((problem) => [problem.file, problem.line])).toContainEqual([file, line]);
    const report = await verifyDependencies({ dependencies: parsed?.dependencies ?? [], problems, clients: {}, policy: lenient });
    expect(report.summary.passed).toBe(false);
    const summary = renderTextSummary(report);
    expect(summary[0]).toMatch(/^package reality: FAIL/);
    expect(summary.join('\n')).toContain(`${file}:${line}`);
    const check = renderPackageRealityCheck({ report, files: [file], scope: 'probe' });
    expect(check.conclusion).toBe('failure');
    expect(check.annotations).toContainEqual(expect.objectContaining({ path: file, start_line: line, annotation_level: 'failure' }));
  });

  it('has probes of every file kind aos reads', () => {
    const formats = new Set(PROBES.map(([file]) => parseDependencyFile('', file)?.format));
    expect([...formats].sort()).toEqual([
      'package-json',
      'package-lock',
      'pnpm-lock',
      'poetry-lock',
      'requirements',
      'uv-lock',
      'yarn-lock',
    ]);
    expect(PROBES.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['package.json', 'package-json/package.json'],
    ['package-lock.json', 'package-lock-v3/package-lock.json'],
    ['yarn.lock', 'yarn-classic/yarn.lock'],
    ['yarn.lock', 'yarn-berry/yarn.lock'],
    ['pnpm-lock.yaml', 'pnpm-v5/pnpm-lock.yaml'],
    ['pnpm-lock.yaml', 'pnpm-v9-two-documents/pnpm-lock.yaml'],
    // In a folder, as the fixture's `../shared/common.txt` include stays inside the repository.
    ['app/requirements.txt', 'requirements/requirements.txt'],
    ['poetry.lock', 'poetry/poetry.lock'],
    ['uv.lock', 'uv/uv.lock'],
  ])('control: a well-formed %s (%s) passes under the same policy', async (file, fixture) => {
    const parsed = parseDependencyFile(readFixture(fixture), file);
    expect(parsed?.problems).toEqual([]);
    const report = await verifyDependencies({
      dependencies: parsed?.dependencies ?? [],
      problems: parsed?.problems ?? [],
      clients: {},
      policy: lenient,
    });
    expect(report.summary.passed).toBe(true);
    expect(renderPackageRealityCheck({ report, files: [file], scope: 'control' }).conclusion).toBe('success');
  });
});
