import { parseNpmRange, type Comparator } from './parse-npm-range.ts';
import { compareSemver, parseSemver, type SemVer } from './parse-semver.ts';

function holds({ op, version }: Comparator, candidate: SemVer): boolean {
  const order = compareSemver(candidate, version);
  if (op === '>=') return order >= 0;
  if (op === '>') return order > 0;
  if (op === '<') return order < 0;
  if (op === '<=') return order <= 0;
  return order === 0;
}

/**
 * npm's prerelease rule: `1.3.0-beta.1` satisfies a set only when one of its comparators names a
 * prerelease of the same `major.minor.patch` (ranges do not opt into every prerelease).
 * `<x.y.z-0` bounds are generated, not written, so they do not count.
 */
function prereleaseAllowed(set: Comparator[], candidate: SemVer): boolean {
  if (candidate.prerelease.length === 0) return true;
  return set.some(({ version }) => {
    const generated = version.prerelease.length === 1 && version.prerelease[0] === 0;
    return !generated && version.prerelease.length > 0 && version.major === candidate.major && version.minor === candidate.minor && version.patch === candidate.patch;
  });
}

/** True when `version` satisfies `range`; false for unreadable input. */
export function satisfiesNpmRange(version: string, range: string): boolean {
  const candidate = parseSemver(version);
  const parsed = parseNpmRange(range);
  if (!candidate || !parsed) return false;
  return parsed.some((set) => set.every((comparator) => holds(comparator, candidate)) && prereleaseAllowed(set, candidate));
}

/** The highest of `versions` that satisfies `range`, as npm would install it; null when none does. */
export function maxSatisfyingNpm(versions: Iterable<string>, range: string): string | null {
  const parsed = parseNpmRange(range);
  if (!parsed) return null;
  let best: { text: string; version: SemVer } | null = null;
  for (const text of versions) {
    const candidate = parseSemver(text);
    if (!candidate) continue;
    if (!parsed.some((set) => set.every((comparator) => holds(comparator, candidate)) && prereleaseAllowed(set, candidate))) continue;
    if (best === null || compareSemver(candidate, best.version) > 0) best = { text, version: candidate };
  }
  return best?.text ?? null;
}
