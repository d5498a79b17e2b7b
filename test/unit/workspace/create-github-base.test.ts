import { describe, expect, it } from 'vitest';
import { createGithubBase } from '#src/workspace/create-github-base.ts';
import { isAosError } from '#src/observability/aos-error.ts';
import { github, target } from '../app/github/github-test-octokit.ts';

const COMMIT = 'c0ffee0000000000000000000000000000000001';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('createGithubBase', () => {
  it('lists blobs, symlinks and submodules from one recursive tree and reads blobs once', async () => {
    github()
      .get(`/repos/octo/demo/git/trees/${COMMIT}`)
      .query({ recursive: 'true' })
      .reply(200, {
        sha: 'root',
        truncated: false,
        tree: [
          { path: 'src', mode: '040000', type: 'tree', sha: 't-src' },
          { path: 'src/index.ts', mode: '100644', type: 'blob', sha: 'b-index', size: 14 },
          { path: 'run.sh', mode: '100755', type: 'blob', sha: 'b-run', size: 10 },
          { path: 'docs/link', mode: '120000', type: 'blob', sha: 'b-link', size: 9 },
          { path: 'vendor/lib', mode: '160000', type: 'commit', sha: 'sub-commit' },
          { path: 'big.bin', mode: '100644', type: 'blob', sha: 'b-big', size: 5_000_000 },
        ],
      })
      .get('/repos/octo/demo/git/blobs/b-index')
      .reply(200, { sha: 'b-index', encoding: 'base64', content: `${b64('export const x;')}\n`, size: 14 });

    const base = createGithubBase({ ...target(), commitSha: COMMIT });
    expect(await base.listTree()).toEqual([
      { path: 'src/index.ts', size: 14, mode: '100644' },
      { path: 'run.sh', size: 10, mode: '100755' },
      { path: 'docs/link', size: 9, mode: '120000' },
      { path: 'vendor/lib', size: 0, mode: '160000' },
      { path: 'big.bin', size: 5_000_000, mode: '100644' },
    ]);
    expect((await base.readBlob('src/index.ts'))?.toString('utf8')).toBe('export const x;');
    // Cached: nock would refuse a second request for the same blob.
    expect((await base.readBlob('src/index.ts'))?.toString('utf8')).toBe('export const x;');
    // Never fetched: symlink, submodule, over the size limit, unknown path.
    expect(await base.readBlob('docs/link')).toBeNull();
    expect(await base.readBlob('vendor/lib')).toBeNull();
    expect(await base.readBlob('big.bin')).toBeNull();
    expect(await base.readBlob('src')).toBeNull();
    expect(await base.readBlob('missing.ts')).toBeNull();
  });

  it('walks subtrees one by one when the recursive listing is truncated', async () => {
    github()
      .get(`/repos/octo/demo/git/trees/${COMMIT}`)
      .query({ recursive: 'true' })
      .reply(200, { sha: 'root', truncated: true, tree: [{ path: 'README.md', mode: '100644', type: 'blob', sha: 'b-readme', size: 3 }] })
      .get(`/repos/octo/demo/git/trees/${COMMIT}`)
      .reply(200, {
        sha: 'root',
        truncated: false,
        tree: [
          { path: 'README.md', mode: '100644', type: 'blob', sha: 'b-readme', size: 3 },
          { path: 'src', mode: '040000', type: 'tree', sha: 't-src' },
        ],
      })
      .get('/repos/octo/demo/git/trees/t-src')
      .reply(200, {
        sha: 't-src',
        truncated: false,
        tree: [
          { path: 'a.ts', mode: '100644', type: 'blob', sha: 'b-a', size: 4 },
          { path: 'deep', mode: '040000', type: 'tree', sha: 't-deep' },
        ],
      })
      .get('/repos/octo/demo/git/trees/t-deep')
      .reply(200, { sha: 't-deep', truncated: false, tree: [{ path: 'b.ts', mode: '100755', type: 'blob', sha: 'b-b', size: 5 }] })
      .get('/repos/octo/demo/git/blobs/b-b')
      .reply(200, { sha: 'b-b', encoding: 'base64', content: b64('deep!') });

    const base = createGithubBase({ ...target(), commitSha: COMMIT });
    expect(await base.listTree()).toEqual([
      { path: 'README.md', size: 3, mode: '100644' },
      { path: 'src/a.ts', size: 4, mode: '100644' },
      { path: 'src/deep/b.ts', size: 5, mode: '100755' },
    ]);
    expect((await base.readBlob('src/deep/b.ts'))?.toString('utf8')).toBe('deep!');
  });

  it('respects a smaller blob limit and does not cache a failed fetch', async () => {
    github()
      .get(`/repos/octo/demo/git/trees/${COMMIT}`)
      .query({ recursive: 'true' })
      .reply(200, {
        truncated: false,
        tree: [
          { path: 'small.txt', mode: '100644', type: 'blob', sha: 'b-small', size: 5 },
          { path: 'medium.txt', mode: '100644', type: 'blob', sha: 'b-medium', size: 11 },
        ],
      })
      .get('/repos/octo/demo/git/blobs/b-small')
      .reply(502, { message: 'Server Error' })
      .get('/repos/octo/demo/git/blobs/b-small')
      .reply(200, { encoding: 'base64', content: b64('small') });

    const base = createGithubBase({ ...target(), commitSha: COMMIT, maxBlobBytes: 10 });
    expect(await base.readBlob('medium.txt')).toBeNull();
    await expect(base.readBlob('small.txt')).rejects.toMatchObject({ status: 502 });
    expect((await base.readBlob('small.txt'))?.toString('utf8')).toBe('small');
  });

  it('rejects with github_commit_not_found for an unknown commit', async () => {
    github().get(`/repos/octo/demo/git/trees/${COMMIT}`).query({ recursive: 'true' }).reply(404, { message: 'Not Found' });
    const error = await createGithubBase({ ...target(), commitSha: COMMIT })
      .listTree()
      .catch((e: unknown) => e);
    expect(isAosError(error, 'github_commit_not_found')).toBe(true);
    expect((error as Error).message).toContain('octo/demo');
  });

  it('refuses to read a secret file, without asking GitHub for it, and reads workflows', async () => {
    github()
      .get(`/repos/octo/demo/git/trees/${COMMIT}`)
      .query({ recursive: 'true' })
      .reply(200, {
        sha: 'root',
        truncated: false,
        tree: [
          { path: '.env.production', mode: '100644', type: 'blob', sha: 'b-env', size: 20 },
          { path: 'certs/server.key', mode: '100644', type: 'blob', sha: 'b-key', size: 20 },
          { path: 'config/prod.yml', mode: '100644', type: 'blob', sha: 'b-prod', size: 20 },
          { path: '.github/workflows/ci.yml', mode: '100644', type: 'blob', sha: 'b-ci', size: 9 },
        ],
      })
      .get('/repos/octo/demo/git/blobs/b-ci')
      .reply(200, { sha: 'b-ci', encoding: 'base64', content: b64('on: push\n'), size: 9 });

    const base = createGithubBase({ ...target(), commitSha: COMMIT, secretFiles: ['config/'] });
    expect((await base.listTree()).map((entry) => entry.path)).toContain('.env.production');
    for (const path of ['.env.production', 'certs/server.key', 'config/prod.yml']) {
      const error = await base.readBlob(path).catch((caught: unknown) => caught);
      expect(isAosError(error, 'secret_file'), path).toBe(true);
    }
    expect((await base.readBlob('.github/workflows/ci.yml'))?.toString('utf8')).toBe('on: push\n');
  });
});
