/**
 * A protected glob list as a repository ends up with it (deny globs, secret files): the defaults,
 * always, then the repository's own (from `.github/aos.yml`). A repository can add globs, never
 * remove one: entries starting with `!` (which read as "allow this again") and blank entries are
 * dropped, duplicates kept once.
 */
export function mergeProtectedGlobs(defaults: readonly string[], extra: readonly string[]): string[] {
  const merged: string[] = [];
  for (const glob of [...defaults, ...extra]) {
    const trimmed = glob.trim();
    if (trimmed === '' || trimmed.startsWith('!') || merged.includes(trimmed)) continue;
    merged.push(trimmed);
  }
  return merged;
}

const additions = new WeakMap<readonly string[], WeakMap<readonly string[], readonly string[]>>();

/**
 * The globs of `list` that `defaults` does not already hold: what is left to test after the
 * defaults (a repository's list holds them too, see `mergeProtectedGlobs`). Remembered per pair
 * of arrays, weakly, since both are usually the same arrays call after call.
 */
export function protectedGlobAdditions(defaults: readonly string[], list: readonly string[]): readonly string[] {
  let byList = additions.get(defaults);
  if (byList === undefined) additions.set(defaults, (byList = new WeakMap()));
  let added = byList.get(list);
  if (added === undefined) {
    const known = new Set(defaults.map((glob) => glob.trim()));
    byList.set(list, (added = list.filter((glob) => !known.has(glob.trim()))));
  }
  return added;
}
