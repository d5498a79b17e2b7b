import { hostname } from 'node:os';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Prefix of a folder being unpacked: `.tmp-<key>~<host>~<pid>~<random>`; never read as an entry. */
export const TEMP_PREFIX = '.tmp-';
/** Prefix of an entry being removed: renamed first, so no reader ever finds it half gone. */
const EVICT_PREFIX = '.evict-';
/** The small file beside each entry's manifest that holds its size on disk. */
export const SIZE_FILE = 'disk-bytes';

/** Options of `sweepRepoCache`. */
export interface SweepOptions {
  dir: string;
  maxBytes: number;
  /** The entry just made or used: never evicted by this sweep, even if it alone is over the cap. */
  keep?: string;
  /** A temp folder older than this is a dead worker's, whatever its process id says. */
  staleTempMs: number;
  now: number;
}

/** Whether a temp folder's writer is gone: its process on this host no longer runs, or it is too old. */
function abandoned(name: string, ageMs: number, staleTempMs: number): boolean {
  if (ageMs > staleTempMs) return true;
  const [, host, pid] = name.split('~');
  if (host !== hostname() || pid === undefined) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Keeps the repository cache under `maxBytes`: removes entries least recently used first (their
 * folder's mtime, which each use touches), and the temp folders of writers that are gone. Safe
 * beside other workers: an entry is renamed away before it is deleted, and whatever another
 * process removed first is skipped.
 */
export async function sweepRepoCache(options: SweepOptions): Promise<{ evicted: string[] }> {
  const { dir, maxBytes, keep, staleTempMs, now } = options;
  const names = await readdir(dir).catch(() => [] as string[]);
  const entries: Array<{ name: string; bytes: number; usedAt: number }> = [];
  for (const name of names) {
    const full = path.join(dir, name);
    const info = await stat(full).catch(() => null);
    if (info === null) continue;
    if (name.startsWith(EVICT_PREFIX)) await rm(full, { recursive: true, force: true });
    else if (name.startsWith(TEMP_PREFIX)) {
      if (abandoned(name, now - info.mtimeMs, staleTempMs)) await rm(full, { recursive: true, force: true });
    } else if (!name.startsWith('.')) {
      const bytes = Number(await readFile(path.join(full, SIZE_FILE), 'utf8').catch(() => '0'));
      entries.push({ name, bytes: Number.isFinite(bytes) ? bytes : 0, usedAt: info.mtimeMs });
    }
  }
  let total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  const evicted: string[] = [];
  for (const entry of entries.sort((a, b) => a.usedAt - b.usedAt)) {
    if (total <= maxBytes) break;
    if (entry.name === keep) continue;
    const away = path.join(dir, `${EVICT_PREFIX}${entry.name}~${process.pid}~${Math.random().toString(36).slice(2)}`);
    const moved = await rename(path.join(dir, entry.name), away).then(
      () => true,
      () => false,
    );
    if (moved) {
      await rm(away, { recursive: true, force: true });
      evicted.push(entry.name);
    }
    total -= entry.bytes;
  }
  return { evicted };
}
