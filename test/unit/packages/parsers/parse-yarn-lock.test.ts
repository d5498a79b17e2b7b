import { describe, expect, it } from 'vitest';
import { parseYarnLock } from '#src/packages/parsers/parse-yarn-lock.ts';
import { FIXTURE_SHA, cleanFixtureReader, dependencyOf } from './read-fixture.ts';

const FILE = 'yarn.lock';
const readClean = cleanFixtureReader(parseYarnLock, FILE);
const npm = dependencyOf('npm', FILE);

describe('parseYarnLock', () => {
  it('reads a yarn 1 lockfile at the line of each entry header', () => {
    expect(readClean('yarn-classic/yarn.lock')).toEqual([
      npm('@babel/core', '7.24.5', 'registry', 5),
      npm('debug', '4.3.4', 'registry', 12),
      npm('from-git', '1.0.0', 'git', 17, { resolved: `git+https://github.com/user/from-git.git#${FIXTURE_SHA}` }),
      npm('local-file', '0.0.1', 'file', 21, { resolved: 'file:../local-file' }),
      npm('react', '18.2.0', 'registry', 24, { alias: 'my-react' }),
      npm('remote-tarball', '1.0.0', 'tarball', 29, { resolved: 'https://example.com/remote-tarball-1.0.0.tgz#def012' }),
      npm('shorthand', '2.0.0', 'git', 33, {
        resolved: 'https://codeload.github.com/user/shorthand/tar.gz/89abcdef0123456789abcdef0123456789abcdef',
      }),
    ]);
  });

  it('reads a yarn berry lockfile with every protocol and skips the root workspace', () => {
    expect(readClean('yarn-berry/yarn.lock')).toEqual([
      npm('@babel/core', '7.24.5', 'registry', 8),
      npm('@fixture/utils', '0.0.0-use.local', 'workspace', 15, { resolved: 'workspace:packages/utils' }),
      npm('from-git', '1.0.0', 'git', 27, { resolved: `https://github.com/user/from-git.git#commit=${FIXTURE_SHA}` }),
      npm('linked', '0.0.0-use.local', 'link', 33, { resolved: 'link:../linked' }),
      npm('local-file', '0.3.0', 'file', 39, { resolved: 'file:../local-file.tgz' }),
      npm('react', '18.2.0', 'registry', 46, { alias: 'my-react' }),
      npm('portaled', '0.0.0-use.local', 'portal', 53, { resolved: 'portal:../portaled' }),
      npm('remote-tarball', '1.0.0', 'tarball', 59, { resolved: 'https://example.com/remote-tarball-1.0.0.tgz' }),
      npm('resolve', '1.22.8', 'patch', 66, { resolved: 'patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>' }),
      npm('semver', '7.6.0', 'registry', 73),
    ]);
  });

  it('keeps berry versions as written, never as YAML numbers', () => {
    const text = '__metadata:\n  version: 8\n\n"a@npm:1.10":\n  version: 1.10\n  resolution: "a@npm:1.10"\n';
    expect(parseYarnLock(text, FILE).dependencies).toEqual([npm('a', '1.10', 'registry', 4)]);
  });
});

describe('yarn 1 headers', () => {
  it('reads a header without a range, such as "balanced-match:", by its version field', () => {
    const text =
      '# yarn lockfile v1\n\n\nbalanced-match:\n  version "1.0.2"\n  resolved "https://registry.example/balanced-match/-/balanced-match-1.0.2.tgz#abc"\n  integrity sha512-AAAA\n';
    const result = parseYarnLock(text, 'yarn.lock');
    expect(result.problems).toEqual([]);
    expect(result.dependencies).toEqual([
      { name: 'balanced-match', version: '1.0.2', ecosystem: 'npm', source: 'registry', file: 'yarn.lock', line: 4 },
    ]);
  });
});
