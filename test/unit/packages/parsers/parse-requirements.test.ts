import { describe, expect, it } from 'vitest';
import { parseRequirements } from '#src/packages/parsers/parse-requirements.ts';
import { dependencyOf, readFixture } from './read-fixture.ts';

const FILE = 'app/requirements.txt';
const pypi = dependencyOf('pypi', FILE, { direct: true });

describe('parseRequirements', () => {
  it('reads pins, ranges, extras, markers, hashes, editables, VCS URLs, direct references and paths', () => {
    const result = parseRequirements(readFixture('requirements/requirements.txt'), FILE);
    expect(result.problems).toEqual([]);
    expect(result.includes).toEqual(['app/requirements/base.txt', 'shared/common.txt', 'app/constraints.txt']);
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
      dependencies: [
        {
          name: 'attrs',
          version: '23.2.0',
          ecosystem: 'pypi',
          source: 'registry',
          file: 'app/requirements/base.txt',
          line: 1,
          direct: true,
        },
      ],
      problems: [],
      includes: [],
    });
  });

  it('reports garbage lines and unknown options at their line and keeps the rest', () => {
    const text = ['flask==3.0.0', 'this is not a requirement!', '--frobnicate yes', '-e .', 'pytest>=8 \\', '  --hash=sha256:abc'].join(
      '\n',
    );
    const result = parseRequirements(text, 'requirements.txt');
    expect(result.dependencies.map((dependency) => [dependency.name, dependency.version, dependency.source, dependency.line])).toEqual([
      ['flask', '3.0.0', 'registry', 1],
      ['.', '', 'file', 4],
      ['pytest', '>=8', 'registry', 5],
    ]);
    expect(result.problems).toEqual([
      { file: 'requirements.txt', line: 2, message: 'cannot read "this is not a requirement!" as a requirement' },
      { file: 'requirements.txt', line: 3, message: 'unknown option "--frobnicate"' },
    ]);
  });

  it('strips every option pip accepts in a requirements file, short, long, glued, abbreviated or quoted', () => {
    const text = [
      '-i https://index.example/simple',
      '-ihttps://index.example/simple',
      '--index-url=https://index.example/simple',
      '--pypi-url https://index.example/simple',
      '--extra-index-url https://extra.example/simple',
      '--extra-index=https://extra.example/simple',
      '--no-index',
      '-f ./wheels',
      '-fwheels',
      '--find-links=./wheels',
      '--no-binary :all:',
      '--only-binary=:none:',
      '--prefer-binary',
      '--require-hashes',
      '--pre',
      '--trusted-host index.example',
      '--use-feature=truststore',
      '-Z',
      'requests==2.31.0 -C editable_mode=compat',
      'numpy==1.26.4 -Cbuild-dir=out',
      'scipy==1.13.0 --config-settings="setup-args=-Dblas=openblas" --global-option=--no-user-cfg',
      'pandas==2.2.2 --hash=sha256:aaaa --hash sha256:bbbb',
      "lxml==5.2.1 --config-settings 'a=b c'",
    ].join('\n');
    const result = parseRequirements(text, 'requirements.txt');
    expect(result.problems).toEqual([]);
    expect(result.dependencies.map((d) => `${d.name}@${d.version}:${d.line}`)).toEqual([
      'requests@2.31.0:19',
      'numpy@1.26.4:20',
      'scipy@1.13.0:21',
      'pandas@2.2.2:22',
      'lxml@5.2.1:23',
    ]);
  });

  it('reports an option without its value and options it cannot split, as pip refuses them', () => {
    const result = parseRequirements(
      ['-r', '--hash', 'flask==3.0.0 --config-settings "unclosed', '--no-index=yes', '--no'].join('\n'),
      'requirements.txt',
    );
    expect(result.problems).toEqual([
      { file: 'requirements.txt', line: 1, message: 'option -r needs a value' },
      { file: 'requirements.txt', line: 2, message: 'option --hash needs a value' },
      { file: 'requirements.txt', line: 3, message: 'cannot split the options "--config-settings \\"unclosed": no closing quotation' },
      { file: 'requirements.txt', line: 4, message: 'option --no-index takes no value' },
      { file: 'requirements.txt', line: 5, message: 'option "--no" is ambiguous: --no-index, --no-binary' },
    ]);
    expect(result.dependencies).toEqual([]);
  });

  it('returns -r and -c includes in every spelling, relative to the including file', () => {
    const text = [
      '-r base.txt',
      '-rdev.txt',
      '--requirement test.txt',
      '--requirement=../lint.txt',
      '-c constraints.txt',
      '-cpins.txt',
      '--constraint=sub/c.txt',
    ].join('\n');
    const result = parseRequirements(text, 'reqs/requirements.txt');
    expect(result.problems).toEqual([]);
    expect(result.includes).toEqual([
      'reqs/base.txt',
      'reqs/dev.txt',
      'reqs/test.txt',
      'lint.txt',
      'reqs/constraints.txt',
      'reqs/pins.txt',
      'reqs/sub/c.txt',
    ]);
  });

  it('reports an include that leaves the repository, an absolute one and a URL as problems at their line, never as includes', () => {
    const text = [
      '-r ../../../../etc/passwd',
      '-r /etc/passwd',
      '-c ../../outside.txt',
      '--requirement=file:///etc/passwd',
      '-r https://example.invalid/r.txt',
      "-r '..\\..\\secret.txt'",
      '-r ..\\..\\unquoted.txt',
      '-r ok.txt',
    ].join('\n');
    const result = parseRequirements(text, 'app/requirements.txt');
    // Unquoted, shlex eats the backslashes (pip reads app/....unquoted.txt); quoted, they are separators.
    expect(result.includes).toEqual(['app/....unquoted.txt', 'app/ok.txt']);
    expect(result.problems).toEqual([
      { file: 'app/requirements.txt', line: 1, message: 'include outside the repository: ../../../../etc/passwd (not read)' },
      { file: 'app/requirements.txt', line: 2, message: 'include outside the repository: /etc/passwd (not read)' },
      { file: 'app/requirements.txt', line: 3, message: 'include outside the repository: ../../outside.txt (not read)' },
      { file: 'app/requirements.txt', line: 4, message: 'include file:///etc/passwd not followed: only files in the repository are read' },
      {
        file: 'app/requirements.txt',
        line: 5,
        message: 'include https://example.invalid/r.txt not followed: only files in the repository are read',
      },
      { file: 'app/requirements.txt', line: 6, message: 'include outside the repository: ..\\..\\secret.txt (not read)' },
    ]);
  });

  it('reports editable installs, VCS URLs, archive URLs and local paths as not registry-verifiable dependencies', () => {
    const text = [
      '-e .',
      '-e ../sibling',
      '--editable=git+https://git.example/x.git#egg=x',
      'git+https://git.example/y.git',
      'https://files.example/download?id=3',
      './vendor',
      '-e requests',
    ].join('\n');
    const result = parseRequirements(text, 'requirements.txt');
    expect(result.dependencies.map((d) => [d.name, d.source, d.resolved, d.line])).toEqual([
      ['.', 'file', '.', 1],
      ['sibling', 'file', '../sibling', 2],
      ['x', 'git', 'git+https://git.example/x.git#egg=x', 3],
      ['git+https://git.example/y.git', 'git', 'git+https://git.example/y.git', 4],
      ['https://files.example/download?id=3', 'tarball', 'https://files.example/download?id=3', 5],
      ['vendor', 'file', './vendor', 6],
    ]);
    expect(result.problems).toEqual([
      { file: 'requirements.txt', line: 7, message: '-e needs a local path or a VCS URL (git+…), not "requests"' },
    ]);
  });

  it('reports ${VAR} placeholders as not registry-verifiable, never as a literal version or name', () => {
    const text = [
      'requests==${REQUESTS_VERSION}',
      '${PACKAGE}>=1.0',
      'flask[async]>=${FLASK_MIN},<4 ; python_version >= "3.9"',
      'django==${lower_is_literal}',
      '-r ${REQ_DIR}/base.txt',
    ].join('\n');
    const result = parseRequirements(text, 'requirements.txt');
    expect(result.dependencies.map((d) => [d.name, d.version, d.source, d.resolved])).toEqual([
      ['requests', '', 'placeholder', 'requests==${REQUESTS_VERSION}'],
      ['${PACKAGE}', '', 'placeholder', '${PACKAGE}>=1.0'],
      ['flask', '', 'placeholder', 'flask[async]>=${FLASK_MIN},<4 ; python_version >= "3.9"'],
      // pip expands only ${UPPER_CASE} names; anything else is the literal text pip would use.
      ['django', '${lower_is_literal}', 'registry', undefined],
    ]);
    expect(result.problems).toEqual([
      {
        file: 'requirements.txt',
        line: 5,
        message: 'include ${REQ_DIR}/base.txt uses an environment variable, which aos cannot resolve: not read',
      },
    ]);
  });

  it('splits lines where pip does, so no requirement hides behind a comment, and numbers them as an editor does', () => {
    const text =
      '\ufeffflask==3.0.0\n# a comment\u2028hidden-one==1.0\n# old Mac line end\rhidden-two==2.0\n# form feed\fhidden-three==3.0\nreque\\\nsts==2.31.0\n';
    const result = parseRequirements(text, 'requirements.txt');
    expect(result.problems).toEqual([]);
    expect(result.dependencies.map((d) => `${d.name}@${d.version}:${d.line}`)).toEqual([
      'flask@3.0.0:1',
      'hidden-one@1.0:2',
      'hidden-two@2.0:3',
      'hidden-three@3.0:4',
      'requests@2.31.0:5',
    ]);
  });

  it('joins a continuation after a trailing comment as pip does, so the next line belongs to the comment', () => {
    const result = parseRequirements('flask==3.0 # pinned \\\nswallowed==1.0\n# full comment \\\nnext==1\n', 'requirements.txt');
    expect(result.dependencies.map((d) => `${d.name}@${d.version}:${d.line}`)).toEqual(['flask@3.0:1', 'next@1:4']);
  });
});
