import { describe, expect, it } from 'vitest';
import { detectFormat, parseDependencyFile } from '#src/packages/parsers/parse-dependency-file.ts';
import { readFixture } from './read-fixture.ts';

describe('detectFormat', () => {
  it.each([
    ['package.json', 'package-json'],
    ['packages/web/package.json', 'package-json'],
    ['package-lock.json', 'package-lock'],
    ['npm-shrinkwrap.json', 'package-lock'],
    ['yarn.lock', 'yarn-lock'],
    ['apps/x/pnpm-lock.yaml', 'pnpm-lock'],
    ['requirements.txt', 'requirements'],
    ['requirements-dev.txt', 'requirements'],
    ['requirements/base.txt', 'requirements'],
    ['poetry.lock', 'poetry-lock'],
    ['uv.lock', 'uv-lock'],
  ])('%s is %s', (path, format) => {
    expect(detectFormat(path)).toBe(format);
  });

  it.each(['pyproject.toml', 'README.md', 'notes.txt', 'package.json5', 'yarn.lock.bak'])('%s is not read', (path) => {
    expect(detectFormat(path)).toBeNull();
  });
});

describe('parseDependencyFile', () => {
  it('dispatches by file name and passes the path through', () => {
    const result = parseDependencyFile(readFixture('uv/uv.lock'), 'svc/uv.lock');
    expect(result?.format).toBe('uv-lock');
    expect(result?.dependencies[0]).toEqual({
      name: 'anyio',
      version: '4.4.0',
      ecosystem: 'pypi',
      source: 'registry',
      file: 'svc/uv.lock',
      line: 11,
    });
    expect(result?.includes).toEqual([]);
  });

  it('hands back the includes of a requirements file', () => {
    const result = parseDependencyFile(readFixture('requirements/requirements.txt'), 'requirements.txt');
    expect(result?.format).toBe('requirements');
    // At the repository root, ../shared/common.txt leaves the repository: a problem, not an include.
    expect(result?.includes).toEqual(['requirements/base.txt', 'constraints.txt']);
    expect(result?.problems).toEqual([
      { file: 'requirements.txt', line: 3, message: 'include outside the repository: ../shared/common.txt (not read)' },
    ]);
    expect(result?.dependencies).toHaveLength(13);
  });

  it('tells yarn berry from yarn 1 by content', () => {
    expect(parseDependencyFile(readFixture('yarn-berry/yarn.lock'), 'yarn.lock')?.dependencies).toHaveLength(10);
    expect(parseDependencyFile(readFixture('yarn-classic/yarn.lock'), 'yarn.lock')?.dependencies).toHaveLength(7);
  });

  it.each([
    'package-json/package.json',
    'package-lock-v1/package-lock.json',
    'package-lock-v3/package-lock.json',
    'yarn-classic/yarn.lock',
    'yarn-berry/yarn.lock',
    'pnpm-v5/pnpm-lock.yaml',
    'pnpm-v9-two-documents/pnpm-lock.yaml',
    'requirements/requirements.txt',
    'poetry/poetry.lock',
    'uv/uv.lock',
  ])('reads %s with Windows line endings to the same lines', (path) => {
    const text = readFixture(path);
    const lf = parseDependencyFile(text, path);
    const crlf = parseDependencyFile(text.replace(/\n/g, '\r\n'), path);
    expect(lf?.dependencies.length).toBeGreaterThan(3);
    expect(crlf).toEqual(lf);
  });

  it('returns null for a file it does not read', () => {
    expect(parseDependencyFile('[project]\nname = "x"\n', 'pyproject.toml')).toBeNull();
  });
});
