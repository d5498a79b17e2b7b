import { describe, expect, it } from 'vitest';
import { parsePnpmLock } from '#src/packages/parsers/parse-pnpm-lock.ts';
import { FIXTURE_SHA, cleanFixtureReader, dependencyOf } from './read-fixture.ts';

const FILE = 'pnpm-lock.yaml';
const readClean = cleanFixtureReader(parsePnpmLock, FILE);
const npm = dependencyOf('npm', FILE);

describe('parsePnpmLock', () => {
  it('reads lockfile v5 keys (/name/version_peers) and importer links', () => {
    expect(readClean('pnpm-v5/pnpm-lock.yaml')).toEqual([
      npm('@babel/core', '7.24.5', 'registry', 19),
      npm('loose-envify', '1.4.0', 'registry', 24),
      npm('react-dom', '18.2.0', 'registry', 29),
      npm('local-dir', '3.0.0', 'file', 37, { resolved: '../local-dir' }),
      npm('from-git', '1.0.0', 'git', 43, { resolved: `https://codeload.github.com/user/from-git/tar.gz/${FIXTURE_SHA}` }),
      npm('sibling', '', 'workspace', 15, { resolved: 'link:../sibling', direct: true }),
    ]);
  });

  it('reads lockfile v6 keys (/name@version(peers)) and the links of every importer', () => {
    expect(readClean('pnpm-v6/pnpm-lock.yaml')).toEqual([
      npm('@tanstack/query-core', '5.28.0', 'registry', 29),
      npm('@tanstack/react-query', '5.28.0', 'registry', 33),
      npm('private-lib', '2.0.0', 'registry', 42),
      npm('react', '18.2.0', 'registry', 46),
      npm('remote-tarball', '1.0.0', 'tarball', 51, { resolved: 'https://example.com/downloads/remote-tarball.tgz' }),
      npm('utils', '', 'link', 17, { resolved: 'link:../utils', direct: true }),
      npm('app-core', '', 'workspace', 23, { resolved: 'link:../core', direct: true }),
    ]);
  });

  it('reads lockfile v9 packages once (not again from snapshots)', () => {
    expect(readClean('pnpm-v9/pnpm-lock.yaml')).toEqual([
      npm('@tanstack/query-core', '5.28.0', 'registry', 34),
      npm('@tanstack/react-query', '5.28.0', 'registry', 37),
      npm('from-git', '1.0.0', 'git', 42, { resolved: `git@github.com:user/from-git.git#${FIXTURE_SHA}` }),
      npm('local-dir', '', 'file', 46, { resolved: '../local-dir' }),
      npm('react', '18.2.0', 'registry', 49),
      npm('remote-tarball', '1.0.0', 'tarball', 53, { resolved: 'https://example.com/downloads/remote-tarball.tgz' }),
      npm('utils', '', 'workspace', 26, { resolved: 'link:packages/utils', direct: true }),
    ]);
  });

  it('reads both documents of a pnpm 9 lockfile with an env document first', () => {
    expect(readClean('pnpm-v9-two-documents/pnpm-lock.yaml')).toEqual([
      npm('@pnpm/plugin-example', '1.0.0', 'registry', 18),
      npm('pnpm', '10.12.1', 'registry', 21),
      npm('is-number', '6.0.0', 'registry', 49),
      npm('is-odd', '3.0.1', 'registry', 53),
    ]);
  });
});

describe('parsePnpmLock package keys', () => {
  const lock = (version: string, key: string, entry = '    resolution: {integrity: sha512-AAAA}') =>
    `lockfileVersion: '${version}'\n\npackages:\n\n  '${key}':\n${entry}\n`;

  it.each([
    ['5.4', '/registry.example/foo/1.1.0', 'foo'],
    ['5.4', '/registry.example/@scope/foo/1.1.0_react@18.2.0', '@scope/foo'],
    ['5.4', '/@scope/foo/1.1.0', '@scope/foo'],
    ['6.0', 'registry.example/foo@1.1.0', 'foo'],
    ['6.0', '/registry.example/foo@1.1.0', 'foo'],
    ['6.0', 'registry.example/@scope/foo@1.1.0(react@18.2.0)', '@scope/foo'],
    ['6.0', '/@scope/foo@1.1.0(@types/react@18.0.0)', '@scope/foo'],
    ['9.0', '@scope/foo@1.1.0(react@18.2.0)', '@scope/foo'],
  ])('lockfile %s key %s is %s at 1.1.0', (version, key, name) => {
    const result = parsePnpmLock(lock(version, key), FILE);
    expect(result.problems).toEqual([]);
    expect(result.dependencies).toEqual([npm(name, '1.1.0', 'registry', 5)]);
  });

  it.each([
    ['5.4', '/foo/bar'],
    ['6.0', '/foo/bar'],
    ['9.0', 'foo@bar'],
  ])('lockfile %s: the odd key %s is a problem at its line, not a versionless package', (version, key) => {
    const result = parsePnpmLock(lock(version, key), FILE);
    expect(result.dependencies).toEqual([]);
    expect(result.problems).toEqual([{ file: FILE, line: 5, message: `cannot read the package name and version of "${key}"` }]);
  });
});
