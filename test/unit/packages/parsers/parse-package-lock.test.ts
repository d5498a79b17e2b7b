import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePackageLock } from '#src/packages/parsers/parse-package-lock.ts';
import { FIXTURE_SHA, cleanFixtureReader, dependencyOf } from './read-fixture.ts';

const FILE = 'package-lock.json';
const readClean = cleanFixtureReader(parsePackageLock, FILE);
const npm = dependencyOf('npm', FILE);

describe('parsePackageLock', () => {
  it('reads the nested dependency tree of lockfile v1', () => {
    expect(readClean('package-lock-v1/package-lock.json')).toEqual([
      npm('@babel/code-frame', '7.24.2', 'registry', 7),
      npm('debug', '4.3.4', 'registry', 12),
      npm('ms', '2.1.2', 'registry', 20),
      npm('from-git', '', 'git', 27, { resolved: `git+https://github.com/user/from-git.git#${FIXTURE_SHA}` }),
      npm('local-file', '', 'file', 31, { resolved: 'file:../local-file' }),
      npm('ms', '2.1.3', 'registry', 34),
      npm('react', '18.2.0', 'registry', 39, { alias: 'my-react' }),
      npm('remote-tarball', '', 'tarball', 44, { resolved: 'https://example.com/remote-tarball-1.0.0.tgz' }),
    ]);
  });

  it('reads the packages map of lockfile v2 and ignores its repeated v1 tree', () => {
    expect(readClean('package-lock-v2/package-lock.json')).toEqual([
      npm('debug', '4.3.4', 'registry', 14, { direct: true }),
      npm('ms', '2.1.2', 'registry', 22),
    ]);
  });

  it('reads lockfile v3 with aliases, scopes, nesting, links, workspaces and non-registry sources', () => {
    expect(readClean('package-lock-v3/package-lock.json')).toEqual([
      npm('@babel/core', '7.24.5', 'registry', 22, { direct: true }),
      npm('semver', '6.3.1', 'registry', 27),
      npm('@fixture/utils', '0.2.0', 'link', 32, { resolved: 'packages/utils' }),
      npm('from-git', '1.0.0', 'git', 36, { resolved: `git+ssh://git@github.com/user/from-git.git#${FIXTURE_SHA}`, direct: true }),
      npm('local-dir', '3.0.0', 'link', 40, { resolved: '../local-dir', direct: true }),
      npm('react', '18.2.0', 'registry', 44, { alias: 'my-react', direct: true }),
      npm('private-lib', '2.0.0', 'registry', 50),
      npm('remote-tarball', '1.0.0', 'tarball', 55, { resolved: 'https://example.com/downloads/remote-tarball.tgz' }),
      npm('vendored', '0.1.0', 'file', 60, { resolved: 'file:vendor/vendored-0.1.0.tgz' }),
      npm('@fixture/utils', '0.2.0', 'workspace', 65, { resolved: 'packages/utils' }),
      npm('ms', '2.1.3', 'registry', 72),
      npm('local-dir', '3.0.0', 'file', 77, { resolved: '../local-dir' }),
    ]);
  });

  it("reads this project's own package-lock.json with exact lines", () => {
    const path = new URL('../../../../package-lock.json', import.meta.url);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    const packages = (JSON.parse(text) as { packages: Record<string, { version?: string }> }).packages;
    const result = parsePackageLock(text, FILE);

    expect(result.problems).toEqual([]);
    expect(result.dependencies.length).toBeGreaterThan(100);
    for (const name of ['vitest', 'knex', 'yaml']) {
      const expected = packages[`node_modules/${name}`]?.version;
      const found = result.dependencies.find((dependency) => dependency.name === name);
      expect(expected).toMatch(/^\d+\.\d+\.\d+/);
      expect(found?.version).toBe(expected);
      expect(found?.direct).toBe(true);
      expect(lines[(found?.line ?? 0) - 1]).toContain(`"node_modules/${name}"`);
    }
  });
});

describe('parsePackageLock refuses values of the wrong type, at their line', () => {
  const lock = (body: string) => `{\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "demo" },\n${body}\n  }\n}\n`;
  it.each([
    ['"version": 1', 'node_modules/a: "version" must be a string'],
    ['"version": "1.0.0", "resolved": 5', 'node_modules/a: "resolved" must be a string'],
    ['"version": "1.0.0", "name": ["a"]', 'node_modules/a: "name" must be a string'],
    ['"version": "1.0.0", "link": "yes"', 'node_modules/a: "link" must be true or false'],
    ['"integrity": "sha512-AAAA"', 'node_modules/a: registry package without a "version"'],
  ])('%s', (fields, message) => {
    const result = parsePackageLock(lock(`    "node_modules/a": { ${fields} }`), FILE);
    expect(result.problems).toEqual([{ file: FILE, line: 5, message }]);
    expect(result.dependencies).toEqual([]);
  });

  it('a lockfileVersion that is not a known number', () => {
    expect(parsePackageLock('{\n  "lockfileVersion": "3",\n  "packages": {}\n}\n', FILE).problems).toEqual([
      { file: FILE, line: 2, message: '"lockfileVersion" must be 1, 2 or 3' },
    ]);
    expect(parsePackageLock('{\n  "lockfileVersion": 7,\n  "packages": {}\n}\n', FILE).problems).toEqual([
      { file: FILE, line: 2, message: '"lockfileVersion" must be 1, 2 or 3' },
    ]);
  });

  it('a v1 entry whose version is not a string', () => {
    const result = parsePackageLock('{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "a": { "version": 1 }\n  }\n}\n', FILE);
    expect(result.problems).toEqual([{ file: FILE, line: 4, message: 'dependency "a": "version" must be a string' }]);
    expect(result.dependencies).toEqual([]);
  });

  it('JSON nested deeper than any lockfile is a problem, not a stack overflow', () => {
    const deep = `{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0", "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`;
    const result = parsePackageLock(deep, FILE);
    expect(result.problems).toEqual([{ file: FILE, line: 1, message: 'invalid JSON: nested more than 256 levels deep' }]);
  });
});
