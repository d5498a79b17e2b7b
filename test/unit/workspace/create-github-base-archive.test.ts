import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createGithubBase } from '#src/workspace/create-github-base.ts';
import { createRepoCache } from '#src/workspace/create-repo-cache.ts';
import { isAosError } from '#src/observability/aos-error.ts';
import { github, target } from '../app/github/github-test-octokit.ts';
import { githubTarEntries, tarGzSync, type TarFile } from '../../helpers/tar-archive.ts';

const COMMIT = 'c0ffee0000000000000000000000000000000001';
const CODELOAD = 'https://codeload.github.com';
const FILES: TarFile[] = [
  ['src/index.ts', 'export const x;'],
  ['run.sh', '#!/bin/sh\n', '100755'],
  ['docs/link', '../src/index.ts', '120000'],
  ['vendor/lib', '', '160000'],
  ['big.txt', 'x'.repeat(2000)],
  ['.env.production', 'TOKEN=hunter2\n'],
  ['config/prod.yml', 'password: hunter2\n'],
];

/** GitHub's tarball answer: a 302 to codeload, which serves the archive. */
function serveTarball(files: TarFile[] = FILES) {
  github()
    .get(`/repos/octo/demo/tarball/${COMMIT}`)
    .reply(302, '', { location: `${CODELOAD}/octo/demo/legacy.tar.gz/${COMMIT}` });
  nock(CODELOAD)
    .get(`/octo/demo/legacy.tar.gz/${COMMIT}`)
    .reply(200, tarGzSync(githubTarEntries('octo-demo-c0ffee0', COMMIT, files)), { 'content-type': 'application/x-gzip' });
}

describe('createGithubBase over the tarball and the repository cache', () => {
  const folders: string[] = [];
  const cacheDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aos-base-cache-'));
    folders.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('lists and reads the tree from one download; a second base on the commit asks GitHub nothing', async () => {
    serveTarball();
    const repoCache = createRepoCache({ dir: cacheDir(), maxBytes: 10 * 1024 ** 2 });
    const base = createGithubBase({ ...target(), commitSha: COMMIT, repoCache, maxBlobBytes: 1000, secretFiles: ['config/'] });
    expect(await base.listTree()).toEqual([
      { path: '.env.production', size: 14, mode: '100644' },
      { path: 'big.txt', size: 2000, mode: '100644' },
      { path: 'config/prod.yml', size: 18, mode: '100644' },
      { path: 'docs/link', size: 15, mode: '120000' },
      { path: 'run.sh', size: 10, mode: '100755' },
      { path: 'src/index.ts', size: 15, mode: '100644' },
      { path: 'vendor/lib', size: 0, mode: '160000' },
    ]);
    expect((await base.readBlob('src/index.ts'))?.toString('utf8')).toBe('export const x;');
    expect(await base.readBlob('docs/link')).toBeNull();
    expect(await base.readBlob('vendor/lib')).toBeNull();
    expect(await base.readBlob('big.txt')).toBeNull();
    expect(await base.readBlob('missing.ts')).toBeNull();
    // Unpacked, but never readable.
    for (const secret of ['.env.production', 'config/prod.yml']) {
      const error = await base.readBlob(secret).catch((caught: unknown) => caught);
      expect(isAosError(error, 'secret_file'), secret).toBe(true);
    }
    // nock answers each interceptor once: this would fail if the second base downloaded again.
    const again = createGithubBase({ ...target(), commitSha: COMMIT, repoCache });
    expect((await again.readBlob('run.sh'))?.toString('utf8')).toBe('#!/bin/sh\n');
  });

  it('downloads again, once, when another worker evicted the tree while the base was using it', async () => {
    serveTarball();
    const dir = cacheDir();
    const repoCache = createRepoCache({ dir, maxBytes: 10 * 1024 ** 2 });
    const base = createGithubBase({ ...target(), commitSha: COMMIT, repoCache });
    expect((await base.listTree()).length).toBe(FILES.length);
    for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { recursive: true });
    serveTarball();
    expect((await base.readBlob('src/index.ts'))?.toString('utf8')).toBe('export const x;');
  });

  it('rejects with github_commit_not_found when GitHub has no such commit', async () => {
    github().get(`/repos/octo/demo/tarball/${COMMIT}`).reply(404, { message: 'Not Found' });
    const dir = cacheDir();
    const error = await createGithubBase({ ...target(), commitSha: COMMIT, repoCache: createRepoCache({ dir, maxBytes: 1024 ** 2 }) })
      .listTree()
      .catch((e: unknown) => e);
    expect(isAosError(error, 'github_commit_not_found'), String(error)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
