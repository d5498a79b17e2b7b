/** A cache that holds at most `capacity` entries and drops the least recently used one first. */
export interface LruCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  /** Entries held now; never more than the capacity. */
  readonly size: number;
}

/**
 * A least-recently-used cache over a `Map`, whose insertion order doubles as the recency order:
 * a read moves the entry to the end, and a write past `capacity` drops from the front. Bounded by
 * construction, so a long-running worker fed ever new keys keeps a fixed footprint.
 */
export function createLruCache<V>(capacity: number): LruCache<V> {
  const entries = new Map<string, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
