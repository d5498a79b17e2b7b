import { describe, expect, it } from 'vitest';
import type { NpmPackageInfo } from '#src/packages/npm/npm-package-info.ts';
import { inspectNpmVersion } from '#src/packages/verify/inspect-npm-version.ts';

/** A package whose `latest` dist-tag is its highest stable version, as `npm publish` leaves it. */
function info(versions: string[], extra: Partial<NpmPackageInfo> = {}): NpmPackageInfo {
  const stable = versions.filter((version) => !version.includes('-'));
  return {
    name: 'pkg',
    distTags: { latest: stable.at(-1) ?? '' },
    versions: Object.fromEntries(versions.map((version) => [version, {}])),
    ...extra,
  };
}

const picked = (result: ReturnType<typeof inspectNpmVersion>) => (result.version.status === 'found' ? result.version.version : null);

describe('inspectNpmVersion reads every range the way npm does (semver, loose)', () => {
  const published = [
    '0.0.3',
    '0.0.4',
    '0.2.3',
    '0.2.9',
    '0.3.0',
    '1.2.0-beta.2',
    '1.2.0',
    '1.2.3',
    '1.2.7',
    '1.2.9',
    '1.3.0-beta.1',
    '1.3.0',
    '1.9.9',
    '2.0.0-beta.1',
    '2.3.9',
    '2.4.0',
    '3.0.0',
  ];
  const cases: Array<[string, string | null]> = [
    ['~>1.2', '1.2.9'],
    ['~> 1.2', '1.2.9'],
    ['~>1.2.3', '1.2.9'],
    ['^1.2.3', '1.9.9'],
    ['^0.2.3', '0.2.9'],
    ['^0.0.3', '0.0.3'],
    ['~1.2.3', '1.2.9'],
    ['~1', '1.9.9'],
    ['>=2.0.0 <3.0.0', '2.4.0'],
    ['1.x', '1.9.9'],
    ['1.2', '1.2.9'],
    ['1.2.X', '1.2.9'],
    ['*', '3.0.0'],
    ['', '3.0.0'],
    ['x', '3.0.0'],
    ['^1.0.0 || ^2.0.0', '2.4.0'],
    ['1.2.3 - 2.3', '2.3.9'],
    ['>1.2', '3.0.0'],
    ['<=1.2', '1.2.9'],
    ['<1.3.0', '1.2.9'],
    ['>= 1.2.0 < 1.3', '1.2.9'],
    ['=1.2.3', '1.2.3'],
    ['v1.2.3', '1.2.3'],
    [' 1.2.3 ', '1.2.3'],
    ['>=1.2.0-beta.1 <1.2.1', '1.2.0'],
    ['1.2.0-beta.2', '1.2.0-beta.2'],
    ['^1.3.0-beta.0', '1.9.9'],
    ['~1.3.0-beta.0 <1.3.0', '1.3.0-beta.1'],
    ['>=1.2.3beta', '3.0.0'],
    ['1.*.3', null],
    ['^4', null],
    ['1.2.4', null],
  ];
  it.each(cases)('%j picks %s', (range, expected) => {
    expect(picked(inspectNpmVersion(info(published), range))).toBe(expected);
  });

  it('admits prereleases where the range names one, as semver does', () => {
    expect(picked(inspectNpmVersion(info(['1.0.0-alpha']), '>=1.0.0-0'))).toBe('1.0.0-alpha');
    expect(picked(inspectNpmVersion(info(['1.0.0-alpha']), '>=0.9.0'))).toBeNull();
  });

  it('says which range found nothing, with the latest version', () => {
    expect(inspectNpmVersion(info(published), '^4').version).toEqual({
      status: 'missing',
      message: 'no published version matches ^4 (latest is 3.0.0)',
    });
    expect(inspectNpmVersion(info(published), '1.2.4').version).toEqual({
      status: 'missing',
      message: 'version 1.2.4 does not exist (latest is 3.0.0)',
    });
  });

  it('takes the latest dist-tag when it satisfies the range, as npm install does, even with a higher version published', () => {
    const withNext = info(['1.0.0', '1.4.0', '1.5.0'], { distTags: { latest: '1.4.0', next: '1.5.0' } });
    expect(picked(inspectNpmVersion(withNext, '^1.0.0'))).toBe('1.4.0');
    expect(picked(inspectNpmVersion(withNext, '>=1.5.0'))).toBe('1.5.0');
  });

  it('prefers a version that is not deprecated, as npm install does', () => {
    const partly = info(['1.0.0', '1.1.0', '2.0.0'], {
      versions: { '1.0.0': {}, '1.1.0': { deprecated: 'broken, use 1.0.0' }, '2.0.0': {} },
    });
    const inspection = inspectNpmVersion(partly, '^1.0.0');
    expect(picked(inspection)).toBe('1.0.0');
    expect(inspection.deprecated).toBeUndefined();
    const onlyDeprecated = info(['1.1.0'], { versions: { '1.1.0': { deprecated: 'gone' } } });
    expect(inspectNpmVersion(onlyDeprecated, '^1.0.0')).toMatchObject({
      version: { status: 'found', version: '1.1.0' },
      deprecated: 'gone',
    });
  });

  it('reads dist-tags, and refuses a specifier that is neither a version, a range nor a valid tag', () => {
    const tagged = info(['1.0.0', '2.0.0-rc.1'], { distTags: { latest: '1.0.0', next: '2.0.0-rc.1' } });
    expect(picked(inspectNpmVersion(tagged, 'next'))).toBe('2.0.0-rc.1');
    expect(inspectNpmVersion(tagged, 'beta').version).toEqual({
      status: 'missing',
      message: 'dist-tag "beta" does not exist (latest is 1.0.0)',
    });
    expect(inspectNpmVersion(tagged, 'not a tag').version).toEqual({
      status: 'missing',
      message: '"not a tag" is not a version, range or dist-tag npm accepts (latest is 1.0.0)',
    });
  });
});
