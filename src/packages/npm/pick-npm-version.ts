import { clean, rcompare, satisfies, valid, validRange } from 'semver';
import type { NpmPackageInfo } from './npm-package-info.ts';

/** What npm makes of a registry specifier, and the version it would install. */
export type NpmPick = { kind: 'found'; version: string } | { kind: 'missing'; message: string };

// npm reads specifiers loosely (npm-package-arg and npm-pick-manifest pass `loose: true`).
const LOOSE = { loose: true } as const;

/**
 * Picks the version `npm install name@spec` would install, by npm's own rules
 * (npm-package-arg, npm-pick-manifest): a spec that is a valid version must be published as
 * exactly that version; a valid range takes the `latest` dist-tag when it satisfies the range,
 * else the highest satisfying version, preferring versions that are not deprecated; anything else
 * is a dist-tag, which must exist and be URI-safe. '' means `*`. Pure.
 */
export function pickNpmVersion(info: NpmPackageInfo, spec: string): NpmPick {
  const wanted = spec.trim() === '' ? '*' : spec.trim();
  const latest = info.distTags.latest;
  const hint = latest === undefined || latest === '' ? '' : ` (latest is ${latest})`;
  const found = (version: string | null | undefined): version is string =>
    typeof version === 'string' && info.versions[version] !== undefined;
  if (valid(wanted, LOOSE) !== null) {
    const exact = clean(wanted, LOOSE);
    return found(exact) ? { kind: 'found', version: exact } : { kind: 'missing', message: `version ${wanted} does not exist${hint}` };
  }
  if (validRange(wanted, LOOSE) !== null) {
    if (found(latest) && (wanted === '*' || satisfies(latest, wanted, LOOSE))) return { kind: 'found', version: latest };
    const best = Object.keys(info.versions)
      .filter((version) => satisfies(version, wanted, LOOSE))
      .sort(
        (a, b) =>
          Number(info.versions[a]?.deprecated !== undefined) - Number(info.versions[b]?.deprecated !== undefined) || rcompare(a, b, LOOSE),
      )[0];
    if (best !== undefined) return { kind: 'found', version: best };
    return {
      kind: 'missing',
      message: wanted === '*' ? 'package has no published version' : `no published version matches ${wanted}${hint}`,
    };
  }
  if (encodeURIComponent(wanted) !== wanted)
    return { kind: 'missing', message: `${JSON.stringify(wanted)} is not a version, range or dist-tag npm accepts${hint}` };
  const tagged = info.distTags[wanted];
  return found(tagged) ? { kind: 'found', version: tagged } : { kind: 'missing', message: `dist-tag "${wanted}" does not exist${hint}` };
}
