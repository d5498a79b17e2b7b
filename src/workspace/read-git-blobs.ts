import { AosError } from '../observability/aos-error.ts';
import { BLOB_CACHE, MAX_CACHED_BLOB_BYTES } from './git-object-cache.ts';
import { runGit } from './run-git.ts';

/**
 * Reads many blobs with one `git cat-file --batch` process instead of one process per file:
 * ranking a repository's context reads hundreds of files, and a process per file costs
 * milliseconds each. Output is `<oid> blob <size>\n<content>\n` per object.
 */
export async function readGitBlobs(repoDir: string, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const result = new Map<string, Buffer>();
  if (unique.length === 0) return result;
  const output = await runGit(repoDir, ['cat-file', '--batch'], { input: `${unique.join('\n')}\n` });
  let offset = 0;
  for (const oid of unique) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd < 0) throw new AosError('git_failed', `git cat-file --batch ended before object ${oid}`);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    const [name, type, sizeText] = header.split(' ');
    if (type === 'missing' || name !== oid || type !== 'blob' || sizeText === undefined)
      throw new AosError('git_failed', `git cat-file --batch could not read blob ${oid}: ${header}`);
    const size = Number(sizeText);
    result.set(oid, output.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return result;
}

/**
 * Collects blob reads made in the same tick and serves them from one `readGitBlobs` call.
 * Blobs are immutable by id, so results are kept in the process-wide `BLOB_CACHE`.
 */
export function createBlobBatcher(repoDir: string) {
  const cache = {
    get: (oid: string) => BLOB_CACHE.get(`${repoDir}\0${oid}`),
    set: (oid: string, blob: Promise<Buffer>) => BLOB_CACHE.set(`${repoDir}\0${oid}`, blob),
    delete: (oid: string) => BLOB_CACHE.delete(`${repoDir}\0${oid}`),
  };
  let pending: Array<{ oid: string; resolve: (blob: Buffer) => void; reject: (error: unknown) => void }> = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    readGitBlobs(
      repoDir,
      batch.map((entry) => entry.oid),
    ).then(
      (blobs) => batch.forEach((entry) => entry.resolve(blobs.get(entry.oid)!)),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  };
  return (oid: string): Promise<Buffer> => {
    let blob = cache.get(oid);
    if (!blob) {
      blob = new Promise<Buffer>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ oid, resolve, reject });
      });
      cache.set(oid, blob);
      blob.then(
        (content) => {
          if (content.length > MAX_CACHED_BLOB_BYTES) cache.delete(oid);
        },
        () => cache.delete(oid),
      );
    }
    return blob;
  };
}
