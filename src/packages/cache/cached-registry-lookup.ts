import type { CacheTtl, PackageCache } from '../../state/package-cache/package-cache.ts';
import { cachedLookup } from './cached-lookup.ts';

/** A registry's answer when it could not be asked: the dependency cannot be checked now. */
export interface UnverifiableLookup {
  status: 'unverifiable';
  reason: string;
}

/** Options of {@link cachedRegistryLookup}. */
export interface CachedRegistryLookupOptions<T> {
  cache: PackageCache | undefined;
  key: string;
  ttl: CacheTtl;
  /** Who is asked, as the reason names it: `npm registry`, `PyPI`. */
  source: string;
  /** Asks the registry; throws when it cannot be reached. */
  load: () => Promise<T>;
  /** How long an answer is kept: positive, negative, or not at all. */
  classify: (value: T) => 'positive' | 'negative' | 'uncacheable';
}

/**
 * `cachedLookup` of one registry document: `load` gives the registry's answer (whose status is
 * never `unverifiable`); a registry that cannot be reached gives `unverifiable` ("<source>
 * unreachable: …"), which is never cached, so the next run asks again. The cache holds the
 * answer itself, as `cachedLookup` stores it.
 */
export function cachedRegistryLookup<T extends { status: string }>(
  options: CachedRegistryLookupOptions<T>,
): Promise<T | UnverifiableLookup> {
  const { source, load, classify } = options;
  return cachedLookup<T | UnverifiableLookup>(
    options.cache,
    options.key,
    options.ttl,
    async () => {
      try {
        return await load();
      } catch (error) {
        return { status: 'unverifiable', reason: `${source} unreachable: ${(error as Error).message}` };
      }
    },
    (value) => (value.status === 'unverifiable' ? 'uncacheable' : classify(value as T)),
  );
}
