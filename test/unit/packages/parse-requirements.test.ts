import { describe, expect, it } from 'vitest';
import { parseRequirements } from '../../../src/packages/parsers/parse-requirements.ts';
import type { Dependency, SourceKind } from '../../../src/packages/types.ts';
import { readFixture } from './read-fixture.ts';

const FILE = 'app/requirements.txt';
const pypi = (name: string, version: string, source: SourceKind, line: number, extra: Partial<Dependency> = {}): Dependency => ({
  name,
  version,
  ecosystem: 'pypi',
  source,
  file: FILE,
  line,
  direct: true,
  ...extra,
});

describe('parseRequirements', () => {
  it('reads pins, ranges, extras, markers, hashes, editables, VCS URLs, direct references and paths', () => {
    const result = parseRequirements(readFixture('requirements/requirements.txt'), FILE);
    expect(result.problems).toEqual([]);
    expect(result.includes).toEqual(['app/requirements/base.txt', 'shared/common.txt']);
    expect(result.dependencies).toEqual([
      pypi('requests', '2.31.0', 'registry', 7),
      pypi('django', '>=4.2,<5.0', 'registry', 8),
      pypi('importlib-metadata', '>=6.0', 'registry', 9),
      pypi('typing-extensions', '>=4.7', 'registry', 10),
      pypi('flask-sqlalchemy', '~=3.1', 'registry', 11),
      pypi('cryptography', '42.0.5', 'registry', 12),
      pypi('numpy', '==1.26.*', 'registry', 15),
      pypi('my-lib', '', 'git', 16, { resolved: 'git+https://github.com/user/my-lib.git@v1.2.0#egg=My.Lib' }),
      pypi('other-tool', '', 'git', 17, { resolved: 'git+https://github.com/user/other_tool.git@0123456789abcdef#egg=other_tool' }),
      pypi('pendulum', '', 'tarball', 18, { resolved: 'https://files.example.com/pendulum-3.0.0-py3-none-any.whl' }),
      pypi('local-pkg', '', 'file', 19, { resolved: './packages/local_pkg' }),
      pypi('some-dist', '', 'file', 20, { resolved: './vendor/Some_Dist-1.0.tar.gz' }),
      pypi('zope-interface', '', 'tarball', 21, { resolved: 'https://example.com/archives/zope.interface-6.2.tar.gz' }),
    ]);
  });

  it('reads an included file on its own, as the caller does with `includes`', () => {
    const result = parseRequirements(readFixture('requirements/requirements/base.txt'), 'app/requirements/base.txt');
    expect(result).toEqual({
      dependencies: [{ name: 'attrs', version: '23.2.0', ecosystem: 'pypi', source: 'registry', file: 'app/requirements/base.txt', line: 1, direct: true }],
      problems: [],
      includes: [],
    });
  });

  it('reports garbage lines, unknown options and nameless paths at their line and keeps the rest', () => {
    const text = ['flask==3.0.0', 'this is not a requirement!', '--frobnicate yes', '-e .', 'pytest>=8 \\', '  --hash=sha256:abc'].join('\n');
    const result = parseRequirements(text, 'requirements.txt');
    expect(result.dependencies.map((dependency) => [dependency.name, dependency.version, dependency.line])).toEqual([
      ['flask', '3.0.0', 1],
      ['pytest', '>=8', 5],
    ]);
    expect(result.problems).toEqual([
      { file: 'requirements.txt', line: 2, message: 'cannot read "this is not a requirement!" as a requirement' },
      { file: 'requirements.txt', line: 3, message: 'unknown option "--frobnicate"' },
      { file: 'requirements.txt', line: 4, message: expect.stringContaining('cannot tell the package name of "."') },
    ]);
  });
});
