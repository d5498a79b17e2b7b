import { describe, expect, it } from 'vitest';
import { classifyNpmResolved } from '#src/packages/parsers/classify-npm-resolved.ts';
import { classifyNpmSpec } from '#src/packages/parsers/classify-npm-spec.ts';
import { normalizePythonName } from '#src/packages/parsers/normalize-python-name.ts';

describe('classifyNpmSpec', () => {
  it.each([
    ['^1.2.3', 'registry'],
    ['latest', 'registry'],
    ['*', 'registry'],
    ['', 'registry'],
    ['1.x || >=2.5.0', 'registry'],
    ['git+ssh://git@github.com/a/b.git#semver:^1', 'git'],
    ['git://github.com/a/b.git', 'git'],
    ['github:a/b', 'git'],
    ['gitlab:a/b#main', 'git'],
    ['a/b', 'git'],
    ['https://github.com/a/b', 'git'],
    ['https://example.com/b.tgz', 'tarball'],
    ['file:../b', 'file'],
    ['../b', 'file'],
    ['./b.tgz', 'file'],
    ['link:../b', 'link'],
    ['workspace:*', 'workspace'],
    ['portal:../b', 'portal'],
  ])('%j is %s', (spec, source) => {
    expect(classifyNpmSpec(spec).source).toBe(source);
  });

  it('reads npm: aliases, scoped or not', () => {
    expect(classifyNpmSpec('npm:@scope/real@^2.0.0')).toEqual({ source: 'registry', realName: '@scope/real', range: '^2.0.0' });
    expect(classifyNpmSpec('npm:real')).toEqual({ source: 'registry', realName: 'real', range: '' });
  });
});

describe('classifyNpmResolved', () => {
  it('accepts the registry layout on any host, for this package and version only', () => {
    expect(classifyNpmResolved('https://registry.npmjs.org/@a/b/-/b-1.0.0.tgz', '@a/b', '1.0.0')).toBe('registry');
    expect(classifyNpmResolved('https://mirror.example/npm/b/-/b-1.0.0.tgz#sha1', 'b', '1.0.0')).toBe('registry');
    expect(classifyNpmResolved('https://mirror.example/npm/b/-/b-1.0.1.tgz', 'b', '1.0.0')).toBe('tarball');
    expect(classifyNpmResolved('https://example.com/b-1.0.0.tgz', 'b', '1.0.0')).toBe('tarball');
    expect(classifyNpmResolved('https://codeload.github.com/a/b/tar.gz/abc', 'b', '1.0.0')).toBe('git');
    expect(classifyNpmResolved('git+ssh://git@github.com/a/b.git#abc', 'b', '1.0.0')).toBe('git');
    expect(classifyNpmResolved('file:b-1.0.0.tgz', 'b', '1.0.0')).toBe('file');
  });
});

describe('normalizePythonName', () => {
  it.each([
    ['Flask_SQLAlchemy', 'flask-sqlalchemy'],
    ['zope.interface', 'zope-interface'],
    ['A--B__C..d', 'a-b-c-d'],
  ])('%s → %s', (name, normalized) => {
    expect(normalizePythonName(name)).toBe(normalized);
  });
});
