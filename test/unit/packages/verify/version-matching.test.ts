import { describe, expect, it } from 'vitest';
import { maxSatisfyingNpm, satisfiesNpmRange } from '../../../../src/packages/npm/match-npm-range.ts';
import { maxSatisfyingPep440 } from '../../../../src/packages/pypi/match-pep440-specifier.ts';

describe('npm ranges', () => {
  const cases: Array<[string, string, boolean]> = [
    ['1.2.3', '^1.2.3', true],
    ['1.9.0', '^1.2.3', true],
    ['2.0.0', '^1.2.3', false],
    ['0.2.9', '^0.2.3', true],
    ['0.3.0', '^0.2.3', false],
    ['0.0.4', '^0.0.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.9.9', '~1', true],
    ['3.0.0', '>=2.0.0 <3.0.0', false],
    ['2.5.0', '>=2.0.0 <3.0.0', true],
    ['1.4.2', '1.x', true],
    ['2.0.0', '1.x', false],
    ['1.2.7', '1.2', true],
    ['5.0.0', '*', true],
    ['5.0.0', '', true],
    ['1.5.0', '^1.0.0 || ^2.0.0', true],
    ['2.5.0', '^1.0.0 || ^2.0.0', true],
    ['3.0.0', '^1.0.0 || ^2.0.0', false],
    ['2.3.9', '1.2.3 - 2.3', true],
    ['2.4.0', '1.2.3 - 2.3', false],
    ['1.3.0', '>1.2', true],
    ['1.2.9', '>1.2', false],
    ['1.2.9', '<=1.2', true],
    ['2.0.0-beta.1', '^1.0.0', false],
    ['1.3.0-beta.1', '^1.2.0', false],
    ['1.2.0-beta.2', '>=1.2.0-beta.1', true],
    ['1.2.0', '>= 1.2.0', true],
    ['1.0.0', 'latest', false],
  ];
  it.each(cases)('%s satisfies %s: %s', (version, range, expected) => {
    expect(satisfiesNpmRange(version, range)).toBe(expected);
  });

  it('picks the highest matching version, skipping prereleases', () => {
    expect(maxSatisfyingNpm(['1.0.0', '1.4.0', '1.10.0', '2.0.0-rc.1', '2.0.0'], '^1.0.0')).toBe('1.10.0');
    expect(maxSatisfyingNpm(['1.0.0', '2.0.0-rc.1'], '>=2.0.0-rc.0')).toBe('2.0.0-rc.1');
    expect(maxSatisfyingNpm(['1.0.0'], '^2')).toBeNull();
  });
});

describe('PEP 440 specifiers', () => {
  const versions = ['1.0', '1.4.2', '1.5.0rc1', '2.0', '2.1.post1', '2.2.0', '3.0.dev1', '10.0'];
  const cases: Array<[string, string | null]> = [
    ['', '10.0'],
    ['>=2,<3', '2.2.0'],
    ['~=1.4', '1.4.2'],
    ['~=2.1', '2.2.0'],
    ['==1.*', '1.4.2'],
    ['!=2.2.0,<3', '2.1.post1'],
    ['<2', '1.4.2'],
    ['>=1.5.0rc1,<2', '1.5.0rc1'],
    ['>10', null],
    ['>=2.9,<4', '3.0.dev1'],
    ['>=3,<4', null],
    ['>>1', null],
  ];
  it.each(cases)('%s → %s', (specifier, expected) => {
    expect(maxSatisfyingPep440(versions, specifier)).toBe(expected);
  });
});
