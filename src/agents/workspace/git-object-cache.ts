/**
 * A small least-recently-used cache for git objects. Objects are immutable by id, so a tree
 * listing or a blob read once can serve every later run on the same commit in this process, which
 * saves a git process per run for a worker that works on one repository many times.
 */
export function createLruCache<V>(capacity: number) {
  const entries = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key: string, value: V): void {
      entries.delete(key);
      entries.set(key, value);
      while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
    delete(key: string): void {
      entries.delete(key);
    },
  };
}

/** Tree listings by repository and commit: a handful, since each holds a whole tree. */
export const TREE_CACHE = createLruCache<Promise<unknown>>(8);
/** Blob contents by repository and object id: up to 1,000 blobs of at most 64 KB, so at most 64 MB. */
export const BLOB_CACHE = createLruCache<Promise<Buffer>>(1000);
/** Blobs larger than this are read again when needed rather than kept. */
export const MAX_CACHED_BLOB_BYTES = 64 * 1024;
