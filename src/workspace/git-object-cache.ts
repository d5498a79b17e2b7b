import { createLruCache } from '../lib/create-lru-cache.ts';

// Git objects are immutable by id, so a tree listing or a blob read once can serve every later
// run on the same commit in this process: that saves a git process per run for a worker that
// works on one repository many times.

/** Tree listings by repository and commit: a handful, since each holds a whole tree. */
export const TREE_CACHE = createLruCache<Promise<unknown>>(8);
/** Blob contents by repository and object id: up to 1,000 blobs of at most 64 KB, so at most 64 MB. */
export const BLOB_CACHE = createLruCache<Promise<Buffer>>(1000);
/** Blobs larger than this are read again when needed rather than kept. */
export const MAX_CACHED_BLOB_BYTES = 64 * 1024;
