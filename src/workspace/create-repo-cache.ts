import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive-limits.ts';
import { SIZE_FILE, sweepRepoCache, TEMP_PREFIX } from './sweep-repo-cache.ts';
import { unpackRepoArchive, type ArchiveEntry } from './unpack-repo-archive.ts';

/** One unpacked tree of the cache. */
export interface CachedTree {
  readonly entries: readonly ArchiveEntry[];
  /** Whether the tree was unpacked by this call (false: it was on disk already). */
  readonly downloaded: boolean;
  /** The content of a stored entry (`stored: true`); rejects with ENOENT if the entry was evicted meanwhile. */
  read(path: string): Promise<Buffer>;
}

/** Unpacked repository trees on disk, shared by every worker that uses the same folder. */
export interface RepoCache {
  /**
   * The tree stored under `key`; when there is none, `download()` is called once (also for
   * concurrent callers in this process) and its gzipped tarball unpacked.
   */
  open(key: string, download: () => Promise<Readable>): Promise<CachedTree>;
}

/** Options of `createRepoCache`. */
export interface RepoCacheOptions {
  dir: string;
  /** Size cap of the folder; least recently used trees go first. */
  maxBytes: number;
  limits?: Partial<ArchiveLimits>;
  /** A temp folder this old is a dead writer's and is removed (default one hour). */
  staleTempMs?: number;
}

const MANIFEST = 'manifest.json';
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A repository cache in `dir`: each tree is unpacked into a temp folder of the same folder and
 * renamed into place only when complete, so a reader never sees a half-written tree, and a writer
 * killed midway leaves only a temp folder that no one reads and a later sweep removes. Two
 * writers of the same key both finish; the first rename wins and the other's copy is dropped.
 * Each use touches the entry's folder, and after each new tree the least recently used ones are
 * evicted down to `maxBytes`.
 */
export function createRepoCache(options: RepoCacheOptions): RepoCache {
  const { dir, maxBytes, staleTempMs = 3_600_000 } = options;
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  const loading = new Map<string, Promise<CachedTree>>();

  const view = (key: string, entries: ArchiveEntry[], downloaded: boolean): CachedTree => ({
    entries,
    downloaded,
    read: (file) => readFile(path.join(dir, key, 'tree', file)),
  });
  const existing = async (key: string): Promise<ArchiveEntry[] | null> => {
    const text = await readFile(path.join(dir, key, MANIFEST), 'utf8').catch(() => null);
    return text === null ? null : (JSON.parse(text) as { entries: ArchiveEntry[] }).entries;
  };

  const load = async (key: string, download: () => Promise<Readable>): Promise<CachedTree> => {
    const found = await existing(key);
    if (found !== null) {
      const now = new Date();
      await utimes(path.join(dir, key), now, now).catch(() => undefined);
      return view(key, found, false);
    }
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `${TEMP_PREFIX}${key}~${hostname()}~${process.pid}~${randomBytes(4).toString('hex')}`);
    await mkdir(temp);
    let entries: ArchiveEntry[];
    try {
      const unpacked = await unpackRepoArchive(await download(), path.join(temp, 'tree'), limits);
      entries = unpacked.entries;
      const manifest = JSON.stringify({ key, entries });
      await writeFile(path.join(temp, MANIFEST), manifest);
      await writeFile(path.join(temp, SIZE_FILE), String(unpacked.diskBytes + manifest.length));
      await rename(temp, path.join(dir, key)).catch(async (error: NodeJS.ErrnoException) => {
        // Another worker put the same tree in place first: theirs is as good as ours.
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
        await rm(temp, { recursive: true, force: true });
      });
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    await sweepRepoCache({ dir, maxBytes, keep: key, staleTempMs, now: Date.now() });
    return view(key, entries, true);
  };

  return {
    open(key, download) {
      if (!KEY.test(key) || key.includes('..')) return Promise.reject(new Error(`repo cache: ${JSON.stringify(key)} is not a cache key`));
      let pending = loading.get(key);
      if (pending === undefined) {
        pending = load(key, download).finally(() => loading.delete(key));
        loading.set(key, pending);
      }
      return pending;
    },
  };
}
