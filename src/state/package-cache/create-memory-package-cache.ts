import type { PackageCache } from './package-cache.ts';

/** Options of `createMemoryPackageCache`. */
export interface MemoryPackageCacheOptions {
  /** Entries kept at most; the oldest is dropped first. Default 50 000. */
  maxEntries?: number;
  now?: () => number;
}

/** An in-process cache with per-entry expiry, for the CLI and single-process servers. */
export function createMemoryPackageCache(options: MemoryPackageCacheOptions = {}): PackageCache {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const maxEntries = options.maxEntries ?? 50_000;
  const now = options.now ?? Date.now;
  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    async set(key, value, ttlSeconds) {
      if (ttlSeconds <= 0) return;
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
