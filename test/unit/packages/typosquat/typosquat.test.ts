import { describe, expect, it } from 'vitest';
import { damerauLevenshtein } from '#src/packages/typosquat/damerau-levenshtein.ts';
import { createTyposquatCheck } from '#src/packages/typosquat/find-typosquat.ts';
import { POPULAR_PACKAGES } from '#src/packages/typosquat/popular-packages.ts';

describe('typosquat check', () => {
  const check = createTyposquatCheck();
  const cases: Array<[string, 'npm' | 'pypi', string | null]> = [
    ['axois', 'npm', 'axios'],
    ['expres', 'npm', 'express'],
    ['lodahs', 'npm', 'lodash'],
    ['reqeusts', 'pypi', 'requests'],
    ['djanga', 'pypi', 'django'],
    ['typescirpt', 'npm', 'typescript'],
    ['webpackk-cli', 'npm', 'webpack-cli'],
    ['@types/reactt', 'npm', '@types/react'],
    ['react', 'npm', null],
    ['preact', 'npm', null],
    ['numpy', 'pypi', null],
    ['ms', 'npm', null],
    ['left-pad', 'npm', null],
    ['requests', 'npm', 'request'],
    ['@babel/core', 'npm', null],
  ];
  it.each(cases)('%s (%s) looks like %s', (name, ecosystem, expected) => {
    expect(check(name, ecosystem)).toBe(expected);
  });

  it('ships a few hundred popular names per ecosystem, PyPI ones normalized', () => {
    expect(POPULAR_PACKAGES.npm.length).toBeGreaterThan(350);
    expect(POPULAR_PACKAGES.pypi.length).toBeGreaterThan(250);
    expect(POPULAR_PACKAGES.pypi.filter((name) => name !== name.toLowerCase().replace(/[-_.]+/g, '-'))).toEqual([]);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(damerauLevenshtein('axios', 'axois')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('kitten', 'sitting', 1)).toBe(2);
  });
});
