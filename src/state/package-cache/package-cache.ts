/**
 * Where registry and OSV answers are kept between checks. Values are JSON text. Implementations
 * never throw: a cache that fails is a cache that misses.
 */
export interface PackageCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

/** How long answers live: long for ones that found something, short for "not found". */
export interface CacheTtl {
  positiveSeconds: number;
  negativeSeconds: number;
}

/** The default lifetimes: 1 h for found, 5 min for not found (a package may be published any minute). */
export const DEFAULT_CACHE_TTL: CacheTtl = { positiveSeconds: 3600, negativeSeconds: 300 };
