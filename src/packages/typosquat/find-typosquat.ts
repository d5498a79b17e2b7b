import type { Ecosystem } from '../types.ts';
import { damerauLevenshtein } from './damerau-levenshtein.ts';
import { POPULAR_PACKAGES } from './popular-packages.ts';

/** Names shorter than this are too dense to compare: every two-letter name is one edit from dozens. */
const MIN_LENGTH = 4;

const scopeOf = (name: string) => (name.startsWith('@') ? name.split('/')[0] : undefined);

/** A checker over a popular-name list; built once, since it indexes the list. */
export type TyposquatCheck = (name: string, ecosystem: Ecosystem) => string | null;

/**
 * Builds the typosquat check: a name that is not itself popular but lies within one edit
 * (two for popular names of 8 or more characters) of a popular name "looks like" that name.
 * Names in the same npm scope are never compared, since a scope has one owner. `@types/<x>`
 * is also compared on `<x>`, so `@types/reactt` looks like `@types/react`.
 */
export function createTyposquatCheck(popular: Record<Ecosystem, readonly string[]> = POPULAR_PACKAGES): TyposquatCheck {
  const sets = { npm: new Set(popular.npm), pypi: new Set(popular.pypi) };
  // Popular names by length: only names within two characters of each other can be two edits apart.
  const byLength = { npm: new Map<number, string[]>(), pypi: new Map<number, string[]>() };
  for (const ecosystem of ['npm', 'pypi'] as const) {
    for (const candidate of popular[ecosystem]) {
      if (candidate.length < MIN_LENGTH) continue;
      const bucket = byLength[ecosystem].get(candidate.length) ?? [];
      bucket.push(candidate);
      byLength[ecosystem].set(candidate.length, bucket);
    }
  }
  const closest = (name: string, ecosystem: Ecosystem): string | null => {
    if (name.length < MIN_LENGTH || sets[ecosystem].has(name)) return null;
    let best: { name: string; distance: number } | null = null;
    const nearby = [-2, -1, 0, 1, 2].flatMap((delta) => byLength[ecosystem].get(name.length + delta) ?? []);
    for (const candidate of nearby) {
      const scope = scopeOf(candidate);
      if (scope !== undefined && scope === scopeOf(name)) continue;
      const max = candidate.length >= 8 ? 2 : 1;
      const distance = damerauLevenshtein(name, candidate, max);
      if (distance <= max && distance > 0 && (best === null || distance < best.distance)) best = { name: candidate, distance };
    }
    return best?.name ?? null;
  };
  const seen = new Map<string, string | null>();
  return (name, ecosystem) => {
    const key = `${ecosystem}:${name}`;
    const known = seen.get(key);
    if (known !== undefined) return known;
    let found = closest(name, ecosystem);
    if (found === null && ecosystem === 'npm' && name.startsWith('@types/')) {
      const inner = closest(name.slice('@types/'.length), 'npm');
      if (inner !== null) found = `@types/${inner}`;
    }
    seen.set(key, found);
    return found;
  };
}
