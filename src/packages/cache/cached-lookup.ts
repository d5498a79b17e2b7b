import type { CacheTtl, PackageCache } from '../../state/package-cache/package-cache.ts';

/**
 * Returns the cached value for `key`, or runs `load` and caches what it returns: for
 * `positiveSeconds` when `isPositive(value)`, else for `negativeSeconds`. A value that `load`
 * marks uncacheable (`cacheable` false, e.g. "unreachable") is not stored, and neither is a throw.
 */
export async function cachedLookup<T>(
  cache: PackageCache | undefined,
  key: string,
  ttl: CacheTtl,
  load: () => Promise<T>,
  classify: (value: T) => 'positive' | 'negative' | 'uncacheable',
): Promise<T> {
  const hit = await cache?.get(key);
  if (hit !== undefined) {
    try {
      return JSON.parse(hit) as T;
    } catch {
      // A corrupt entry is a miss.
    }
  }
  const value = await load();
  const kind = classify(value);
  if (cache && kind !== 'uncacheable') {
    await cache.set(key, JSON.stringify(value), kind === 'positive' ? ttl.positiveSeconds : ttl.negativeSeconds);
  }
  return value;
}
