import { describe, expect, it } from 'vitest';
import { maxSatisfyingPep440 } from '#src/packages/pypi/match-pep440-specifier.ts';

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
