import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isAosError } from '#src/observability/aos-error.ts';
import { DEFAULT_ARCHIVE_LIMITS } from '#src/workspace/archive-limits.ts';
import { createRepoCache } from '#src/workspace/create-repo-cache.ts';
import { unpackRepoArchive } from '#src/workspace/unpack-repo-archive.ts';
import { githubTarEntries, lazyTarGz, tarGz, type TarEntry } from '../../helpers/tar-archive.ts';

const TOP = 'octo-demo-c0ffee0';
const SHA = 'c0ffee0000000000000000000000000000000001';
const gitSha = (text: string) =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(text)}\0${text}`)
    .digest('hex');

describe('unpackRepoArchive and the repository cache refusing hostile archives', () => {
  const folders: string[] = [];
  const scratch = () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'aos-archive-'));
    folders.push(parent);
    return parent;
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("strips GitHub's top folder, lists files, symlinks and submodules with git's blob ids, and writes files only", async () => {
    const parent = scratch();
    const entries: TarEntry[] = [
      ...githubTarEntries(TOP, SHA, [
        ['src/index.ts', 'export const x = 1;\n'],
        ['README.md', '# demo\n'],
      ]),
      { name: `${TOP}/run.sh`, content: '#!/bin/sh\n', mode: 0o755 },
      { name: `${TOP}/docs/`, type: '5' },
      { name: `${TOP}/docs/link`, type: '2', linkname: '../README.md' },
      { name: `${TOP}/vendor/`, type: '5' },
      { name: `${TOP}/vendor/lib/`, type: '5' },
      { name: `${TOP}/${'deep/'.repeat(30)}long.txt`, content: 'long path\n' },
    ];
    const tree = path.join(parent, 'tree');
    const unpacked = await unpackRepoArchive(Readable.from(await tarGz(entries)), tree, DEFAULT_ARCHIVE_LIMITS);
    expect(unpacked.entries).toEqual([
      { path: 'README.md', mode: '100644', size: 7, sha: gitSha('# demo\n'), stored: true },
      { path: `${'deep/'.repeat(30)}long.txt`, mode: '100644', size: 10, sha: gitSha('long path\n'), stored: true },
      { path: 'docs/link', mode: '120000', size: 12, sha: gitSha('../README.md'), stored: false },
      { path: 'run.sh', mode: '100755', size: 10, sha: gitSha('#!/bin/sh\n'), stored: true },
      { path: 'src/index.ts', mode: '100644', size: 20, sha: gitSha('export const x = 1;\n'), stored: true },
      { path: 'vendor/lib', mode: '160000', size: 0, sha: null, stored: false },
    ]);
    expect(readFileSync(path.join(tree, 'src/index.ts'), 'utf8')).toBe('export const x = 1;\n');
    // The symlink and the submodule are listed, never created: only the stored files' folders exist.
    expect(readdirSync(tree).sort()).toEqual(['README.md', 'deep', 'run.sh', 'src']);
  });

  it('lists a file over the stored size with its id but does not write it', async () => {
    const parent = scratch();
    const big = 'x'.repeat(5000);
    const tree = path.join(parent, 'tree');
    const unpacked = await unpackRepoArchive(Readable.from(await tarGz(githubTarEntries(TOP, SHA, [['big.txt', big]]))), tree, {
      ...DEFAULT_ARCHIVE_LIMITS,
      maxStoredFileBytes: 1000,
    });
    expect(unpacked.entries).toEqual([{ path: 'big.txt', mode: '100644', size: 5000, sha: gitSha(big), stored: false }]);
    expect(existsSync(path.join(tree, 'big.txt'))).toBe(false);
  });

  const hostile: Array<[string, () => Iterable<TarEntry>, RegExp]> = [
    [
      'a symlink to /etc and a file written through it',
      () => [
        { name: `${TOP}/`, type: '5' },
        { name: `${TOP}/etc`, type: '2', linkname: '/etc' },
        { name: `${TOP}/etc/aos-was-here`, content: 'owned\n' },
      ],
      /the entry "etc\/aos-was-here" goes through "etc", which is a file or a link/,
    ],
    [
      'a symlink out of the cache and a file written through it',
      () => [
        { name: `${TOP}/`, type: '5' },
        { name: `${TOP}/out`, type: '2', linkname: '../../../outside' },
        { name: `${TOP}/out/aos-was-here`, content: 'owned\n' },
      ],
      /goes through "out", which is a file or a link/,
    ],
    [
      'a ../ entry',
      () => [
        { name: `${TOP}/`, type: '5' },
        { name: `${TOP}/../../outside/aos-was-here`, content: 'owned\n' },
      ],
      /has a "\.\." segment, which would leave the folder/,
    ],
    ['an absolute path', () => [{ name: '/tmp/aos-was-here', content: 'owned\n' }], /has an absolute path/],
    [
      'a hard link',
      () => [
        { name: `${TOP}/`, type: '5' },
        { name: `${TOP}/passwd`, type: '1', linkname: '/etc/passwd' },
      ],
      /is a link entry; a repository archive holds files, folders and symlinks only/,
    ],
    [
      'an entry claiming 10 GB',
      () => [
        { name: `${TOP}/`, type: '5' },
        { name: `${TOP}/huge.bin`, size: 10 * 1024 ** 3, content: 'only a few bytes follow' },
      ],
      /the entry "huge\.bin" claims 10737418240 bytes, over the 104857600 allowed/,
    ],
  ];

  for (const [what, entries, message] of hostile) {
    it(`refuses ${what} (repo_archive_refused) and writes nothing outside the cache folder`, async () => {
      const parent = scratch();
      const cacheDir = path.join(parent, 'cache');
      const cache = createRepoCache({ dir: cacheDir, maxBytes: 10 * 1024 ** 2 });
      const error = await cache.open(`octo.demo.${SHA}`, async () => lazyTarGz(entries(), { complete: false })).catch((e: unknown) => e);
      expect(isAosError(error, 'repo_archive_refused'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect(readdirSync(parent)).toEqual(['cache']);
      expect(readdirSync(cacheDir)).toEqual([]);
      expect(existsSync('/etc/aos-was-here')).toBe(false);
      expect(existsSync('/tmp/aos-was-here')).toBe(false);
    });
  }

  it('refuses a million empty entries at the entry limit, having read only as far as the limit', async () => {
    const parent = scratch();
    let handedOut = 0;
    function* million(): Generator<TarEntry> {
      yield { name: `${TOP}/`, type: '5' };
      for (let index = 0; index < 1_000_000; index += 1) {
        handedOut += 1;
        yield { name: `${TOP}/f${index}` };
      }
    }
    const cache = createRepoCache({ dir: path.join(parent, 'cache'), maxBytes: 10 * 1024 ** 2, limits: { maxEntries: 2000 } });
    const error = await cache.open(`octo.demo.${SHA}`, async () => lazyTarGz(million())).catch((e: unknown) => e);
    expect(isAosError(error, 'repo_archive_refused'), String(error)).toBe(true);
    expect((error as Error).message).toContain('it has more than 2000 entries');
    // The stream stopped being read soon after the limit: the rest of the million was never made.
    expect(handedOut).toBeLessThan(200_000);
    expect(readdirSync(path.join(parent, 'cache'))).toEqual([]);
  });

  it('gives up a download that stalls, instead of holding the run forever', async () => {
    const parent = scratch();
    const stalled = new PassThrough();
    const whole = await tarGz(githubTarEntries(TOP, SHA, [['a.txt', 'a'.repeat(100_000)]]));
    stalled.write(whole.subarray(0, 100));
    const error = await unpackRepoArchive(stalled, path.join(parent, 'tree'), DEFAULT_ARCHIVE_LIMITS, { idleTimeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(isAosError(error, 'repo_archive_refused'), String(error)).toBe(true);
    expect((error as Error).message).toBe('refused the repository archive: the download sent nothing for 0.2 s');
  });

  it('refuses an archive cut short and keeps nothing of it', async () => {
    const parent = scratch();
    const cache = createRepoCache({ dir: path.join(parent, 'cache'), maxBytes: 10 * 1024 ** 2 });
    const whole = await tarGz(githubTarEntries(TOP, SHA, [['a.txt', 'a'.repeat(100_000)]]));
    const error = await cache
      .open(`octo.demo.${SHA}`, async () => Readable.from([whole.subarray(0, whole.length / 2)]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(readdirSync(path.join(parent, 'cache'))).toEqual([]);
  });
});
