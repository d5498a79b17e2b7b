import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maxSatisfyingPep440 } from '#src/packages/pypi/match-pep440-specifier.ts';
import { comparePep440, parsePep440Version } from '#src/packages/pypi/parse-pep440-version.ts';

// Committed data, confirmed against Python's packaging by test/fixtures/pep440/check-with-packaging.py.
const cases = JSON.parse(readFileSync(new URL('../../../fixtures/pep440/pep440-cases.json', import.meta.url), 'utf8')) as {
  contains: Array<[string, string, boolean | 'invalid']>;
  highest: Array<[string[], string, string | null]>;
  order: Array<[string, string, -1 | 0 | 1]>;
};

describe('PEP 440 as packaging decides it', () => {
  it('has a table of at least 40 specifier cases', () => {
    expect(cases.contains.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.contains)('%s in "%s": %s', (version, specifier, expected) => {
    // An invalid specifier matches nothing, whatever the version.
    expect(maxSatisfyingPep440([version], specifier)).toBe(expected === true ? version : null);
  });

  it.each(cases.highest)('highest of %j for "%s": %s', (versions, specifier, expected) => {
    expect(maxSatisfyingPep440(versions, specifier)).toBe(expected);
    expect(maxSatisfyingPep440([...versions].reverse(), specifier)).toBe(expected);
  });

  it.each(cases.order)('%s compared with %s: %i', (a, b, expected) => {
    const left = parsePep440Version(a);
    const right = parsePep440Version(b);
    expect(left).not.toBeNull();
    expect(right).not.toBeNull();
    expect(Math.sign(comparePep440(left!, right!))).toBe(expected);
    expect(Math.sign(comparePep440(right!, left!))).toBe(-expected || 0);
  });
});
