import { describe, expect, it } from 'vitest';
import { matchGlob } from '../../../src/policy/match-glob.ts';

describe('matchGlob', () => {
  it.each([
    ['.github/workflows/**', '.github/workflows/ci.yml', true],
    ['.github/workflows/**', '.github/workflows/a/b.yml', true],
    ['.github/workflows/**', '.github/ci.yml', false],
    ['.github/workflows/**', 'x/.github/workflows/ci.yml', false],
    ['**/*.pem', 'server.pem', true],
    ['**/*.pem', 'a/b/server.pem', true],
    ['**/*.pem', 'a/server.pem.txt', false],
    ['**/.env*', '.env', true],
    ['**/.env*', 'app/.env.production', true],
    ['**/.env*', 'app/env', false],
    ['**/id_rsa*', 'id_rsa.pub', true],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/deep/a.ts', false],
    ['src/*', 'src/.hidden', true],
    ['src/?.ts', 'src/ab.ts', false],
    ['src/?.ts', 'src/a.ts', true],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['*.lock', 'deep/dir/yarn.lock', true],
    ['/root.txt', 'root.txt', true],
    ['/root.txt', 'sub/root.txt', false],
    ['secrets/', 'secrets/a/b.txt', true],
    ['file[0-9].txt', 'dir/file7.txt', true],
    ['file[!0-9].txt', 'file7.txt', false],
    ['a.b', 'axb', false],
    ['(x)+.txt', '(x)+.txt', true],
  ])('%j against %j is %s', (glob, path, expected) => {
    expect(matchGlob(glob, path)).toBe(expected);
  });

  it('compares case-insensitively only when asked', () => {
    expect(matchGlob('**/*.pem', 'KEY.PEM')).toBe(false);
    expect(matchGlob('**/*.pem', 'KEY.PEM', { caseInsensitive: true })).toBe(true);
  });
});
