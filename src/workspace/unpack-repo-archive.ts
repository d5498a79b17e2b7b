import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { AosError } from '../observability/aos-error.ts';
import type { ArchiveLimits } from './archive-limits.ts';

/** One non-directory entry of an unpacked archive, as a git tree listing would give it. */
export interface ArchiveEntry {
  path: string;
  /** `100644`, `100755`, `120000` (symlink, never written) or `160000` (submodule: an empty folder in the archive). */
  mode: string;
  size: number;
  /** The git blob id, recomputed from the content; null for a submodule. */
  sha: string | null;
  /** Whether the content is on disk: false for links, submodules and files over `maxStoredFileBytes`. */
  stored: boolean;
}

/** What `unpackRepoArchive` wrote. */
export interface UnpackedArchive {
  entries: ArchiveEntry[];
  /** Bytes written, each file rounded up to a 4 KB block as a file system stores it. */
  diskBytes: number;
}

const BLOCK = 4096;
/** A download that sends nothing for this long is given up: a stalled connection must not hold a run forever. */
const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/** One entry of the archive as tar-stream hands it out: its header and its content stream. */
type Entry = tar.ExtractEvents['entry'][1];

function refused(why: string): AosError {
  return new AosError('repo_archive_refused', `refused the repository archive: ${why}`);
}

/** The entry's path below the archive's one top folder, or null for the top folder itself. */
function innerPath(name: string, top: string, limits: ArchiveLimits): string | null {
  const shown = JSON.stringify(name);
  if (name.includes('\0')) throw refused(`the entry ${shown} has a NUL byte in its name`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw refused(`the entry ${shown} has an absolute path`);
  const segments = name.replace(/\/+$/, '').split('/');
  if (segments.includes('..')) throw refused(`the entry ${shown} has a ".." segment, which would leave the folder`);
  if (segments[0] !== top) throw refused(`the entry ${shown} is outside the archive's top folder "${top}/"`);
  const rest = segments.slice(1);
  if (rest.length === 0) return null;
  if (rest.some((segment) => segment === '' || segment === '.')) throw refused(`the entry ${shown} has an empty or "." segment`);
  const inner = rest.join('/');
  if (Buffer.byteLength(inner) > limits.maxPathBytes) throw refused(`the entry ${shown} has a path over ${limits.maxPathBytes} bytes`);
  return inner;
}

/**
 * Unpacks a gzipped tarball of a repository, as GitHub's tarball endpoint answers it (one top
 * folder `<owner>-<repo>-<sha7>/`, stripped), into `treeDir`, which must not exist yet. Nothing is
 * written outside it: absolute and `..` paths are refused, symlinks are listed (mode 120000) and
 * never created, so no later entry can be written through one, and an entry below a listed file or
 * link, a hard link, a device or a duplicate refuses the whole archive. The limits (entries, claimed
 * bytes, bytes per entry, path length) are checked on each header before its content is read. Any
 * refusal is an AosError `repo_archive_refused`; the caller removes what was written.
 */
export async function unpackRepoArchive(
  source: Readable,
  treeDir: string,
  limits: ArchiveLimits,
  options: { idleTimeoutMs?: number } = {},
): Promise<UnpackedArchive> {
  await mkdir(treeDir);
  const extract = tar.extract();
  // Listening before any byte flows: tar-stream hands an entry only to a listener already there.
  const entries = extract[Symbol.asyncIterator]();
  const gunzip = createGunzip();
  // A failure of the download or of gunzip ends the loop below with that error.
  const fail = (error: Error) => extract.destroy(error);
  source.on('error', fail);
  gunzip.on('error', fail);
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const idle = setTimeout(() => fail(refused(`the download sent nothing for ${idleMs / 1000} s`)), idleMs);
  source.on('data', () => idle.refresh());
  source.pipe(gunzip).pipe(extract);
  try {
    return await readEntries({ [Symbol.asyncIterator]: () => entries }, treeDir, limits);
  } catch (error) {
    source.destroy();
    gunzip.destroy();
    extract.destroy();
    throw error;
  } finally {
    clearTimeout(idle);
  }
}

async function readEntries(extract: AsyncIterable<Entry>, treeDir: string, limits: ArchiveLimits): Promise<UnpackedArchive> {
  const entries = new Map<string, ArchiveEntry>();
  const folders = new Set<string>();
  const filled = new Set<string>();
  const made = new Set<string>();
  let top: string | undefined;
  let count = 0;
  let claimed = 0;
  let diskBytes = 0;
  for await (const entry of extract) {
    const { header } = entry;
    count += 1;
    if (count > limits.maxEntries) throw refused(`it has more than ${limits.maxEntries} entries`);
    top ??= header.name.replace(/^\/+/, '').split('/')[0] ?? '';
    const inner = innerPath(header.name, top, limits);
    if (inner === null || header.type === 'directory') {
      if (inner !== null) {
        folders.add(inner);
        for (let end = inner.lastIndexOf('/'); end > 0; end = inner.lastIndexOf('/', end - 1)) filled.add(inner.slice(0, end));
      }
      entry.resume();
      continue;
    }
    const size = header.size ?? 0;
    if (size > limits.maxEntryBytes) throw refused(`the entry "${inner}" claims ${size} bytes, over the ${limits.maxEntryBytes} allowed`);
    claimed += size;
    if (claimed > limits.maxTotalBytes) throw refused(`its entries claim more than ${limits.maxTotalBytes} bytes`);
    if (entries.has(inner)) throw refused(`the entry "${inner}" appears twice`);
    if (folders.has(inner) || filled.has(inner)) throw refused(`the entry "${inner}" is not a folder, but other entries are inside it`);
    const segments = inner.split('/');
    for (let depth = 1; depth < segments.length; depth += 1) {
      const parent = segments.slice(0, depth).join('/');
      if (entries.has(parent)) throw refused(`the entry "${inner}" goes through "${parent}", which is a file or a link`);
      filled.add(parent);
    }
    if (header.type === 'symlink') {
      const target = Buffer.from(header.linkname ?? '');
      entries.set(inner, { path: inner, mode: '120000', size: target.length, sha: blobSha(target), stored: false });
      entry.resume();
    } else if (header.type === 'file' || header.type === 'contiguous-file') {
      const mode = ((header.mode ?? 0o644) & 0o111) !== 0 ? '100755' : '100644';
      const stored = size <= limits.maxStoredFileBytes;
      const sha = await consume(entry, size, stored ? path.join(treeDir, inner) : null, made, treeDir);
      entries.set(inner, { path: inner, mode, size, sha, stored });
      if (stored) diskBytes += Math.ceil(size / BLOCK) * BLOCK || BLOCK;
    } else {
      throw refused(
        `the entry "${inner}" is a ${header.type ?? 'unknown'} entry; a repository archive holds files, folders and symlinks only`,
      );
    }
  }
  if (top === undefined) throw refused('it is empty');
  // git tracks no empty folders, so an empty folder in git's archive is a submodule.
  for (const folder of folders)
    if (!filled.has(folder)) entries.set(folder, { path: folder, mode: '160000', size: 0, sha: null, stored: false });
  return { entries: [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1)), diskBytes };
}

/** Reads an entry's content, hashing it as git does and writing it to `file` when given; returns the blob id. */
async function consume(entry: Entry, size: number, file: string | null, made: Set<string>, treeDir: string): Promise<string> {
  const hash = createHash('sha1').update(`blob ${size}\0`);
  // A stored file is at most maxStoredFileBytes, so holding it whole is bounded.
  const chunks: Buffer[] = [];
  entry.on('data', (data) => {
    const chunk = data as Buffer;
    hash.update(chunk);
    if (file !== null) chunks.push(chunk);
  });
  await finished(entry);
  if (file !== null) {
    const folder = path.dirname(file);
    if (folder !== treeDir && !made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    // `wx`: a file that already exists (which the checks above rule out) is never written over.
    await writeFile(file, Buffer.concat(chunks), { flag: 'wx', mode: 0o644 });
  }
  return hash.digest('hex');
}

/** Resolves when a tar entry has been read to its end. */
function finished(entry: Entry): Promise<void> {
  return new Promise((resolve, reject) => {
    entry.on('end', () => resolve());
    entry.on('error', reject);
  });
}

function blobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
