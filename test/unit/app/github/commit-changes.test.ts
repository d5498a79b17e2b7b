import { describe, expect, it } from 'vitest';
import { commitChanges } from '#src/app/github/commit-changes.ts';
import { isAosError } from '#src/observability/aos-error.ts';
import { github, target } from './github-test-octokit.ts';

const BASE = 'ba5e000000000000000000000000000000000001';
const BRANCH = 'aos/issue-7-abc123';
const BASE_TREE = 'feed000000000000000000000000000000000002';

type Body = Record<string, unknown>;

/** The base tree as GitHub lists it recursively: `run.sh` is executable. */
const baseTreeListing = (
  tree: string,
  entries = [
    { path: 'run.sh', mode: '100755', type: 'blob', sha: 'b1', size: 20 },
    { path: 'src', mode: '040000', type: 'tree', sha: 't1' },
    { path: 'src/index.ts', mode: '100644', type: 'blob', sha: 'b2', size: 20 },
    { path: 'old.txt', mode: '100644', type: 'blob', sha: 'b3', size: 3 },
  ],
) =>
  github()
    .get(`/repos/octo/demo/git/trees/${tree}`)
    .query({ recursive: 'true' })
    .reply(200, { sha: tree, truncated: false, tree: entries });

function commitMocks(check: { tree: (body: Body) => boolean; commit: (body: Body) => boolean }) {
  const blobs: Body[] = [];
  baseTreeListing(BASE_TREE);
  return {
    blobs,
    scope: github()
      .post('/repos/octo/demo/git/blobs', (body: Body) => (blobs.push(body), true))
      .times(2)
      .reply(201, () => ({ sha: `blob-${blobs.length}` }))
      .get(`/repos/octo/demo/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: BASE_TREE } })
      .post('/repos/octo/demo/git/trees', check.tree)
      .reply(201, { sha: 'tree-1' })
      .post('/repos/octo/demo/git/commits', check.commit)
      .reply(201, { sha: 'commit-1' }),
  };
}

describe('commitChanges', () => {
  it('creates blobs, a tree with a deletion as sha null, a commit and a new branch; an executable of the base stays executable', async () => {
    const changes = new Map<string, string | null>([
      ['src/index.ts', 'export const x = 2;\n'],
      ['run.sh', '#!/bin/sh\necho hé\n'],
      ['old.txt', null],
    ]);
    const { blobs, scope } = commitMocks({
      tree: (body) => {
        expect(body.base_tree).toBe(BASE_TREE);
        const entries = body.tree as Body[];
        expect(entries).toHaveLength(3);
        expect(entries).toContainEqual({ path: 'old.txt', mode: '100644', type: 'blob', sha: null });
        expect(entries.find((e) => e.path === 'run.sh')).toMatchObject({
          mode: '100755',
          type: 'blob',
          sha: expect.stringMatching(/^blob-/),
        });
        expect(entries.find((e) => e.path === 'src/index.ts')).toMatchObject({
          mode: '100644',
          type: 'blob',
          sha: expect.stringMatching(/^blob-/),
        });
        return true;
      },
      commit: (body) => {
        expect(body).toEqual({
          message: 'aos: fix #7',
          tree: 'tree-1',
          parents: [BASE],
          author: { name: 'aos', email: 'aos@example.com' },
        });
        return true;
      },
    });
    scope.post('/repos/octo/demo/git/refs', { ref: `refs/heads/${BRANCH}`, sha: 'commit-1' }).reply(201, { ref: `refs/heads/${BRANCH}` });

    const sha = await commitChanges({
      ...target(),
      baseSha: BASE,
      branch: BRANCH,
      message: 'aos: fix #7',
      changes,
      author: { name: 'aos', email: 'aos@example.com' },
    });
    expect(sha).toBe('commit-1');
    expect(blobs.map((b) => b.encoding)).toEqual(['utf-8', 'utf-8']);
    expect(blobs.map((b) => b.content).sort()).toEqual(['#!/bin/sh\necho hé\n', 'export const x = 2;\n']);
  });

  it('adds a commit on top of an existing branch with a non-forced ref update', async () => {
    const head = 'beadbeadbeadbeadbeadbeadbeadbeadbeadbead';
    baseTreeListing('tree-of-head', [{ path: 'a.txt', mode: '100644', type: 'blob', sha: 'b1', size: 3 }]);
    github()
      .post('/repos/octo/demo/git/blobs', { content: 'v2\n', encoding: 'utf-8' })
      .reply(201, { sha: 'blob-a' })
      .get(`/repos/octo/demo/git/commits/${head}`)
      .reply(200, { sha: head, tree: { sha: 'tree-of-head' } })
      .post('/repos/octo/demo/git/trees', {
        base_tree: 'tree-of-head',
        tree: [{ path: 'a.txt', mode: '100644', type: 'blob', sha: 'blob-a' }],
      })
      .reply(201, { sha: 'tree-2' })
      .post('/repos/octo/demo/git/commits', { message: 'aos: revise', tree: 'tree-2', parents: [head] })
      .reply(201, { sha: 'commit-2' })
      .patch(`/repos/octo/demo/git/refs/${encodeURIComponent(`heads/${BRANCH}`)}`, { sha: 'commit-2', force: false })
      .reply(200, { ref: `refs/heads/${BRANCH}` });

    const sha = await commitChanges({
      ...target(),
      baseSha: head,
      branch: BRANCH,
      branchMode: 'update',
      message: 'aos: revise',
      changes: new Map([['a.txt', 'v2\n']]),
    });
    expect(sha).toBe('commit-2');
  });

  it('says so when the branch exists or has moved', async () => {
    const oneFile = new Map([['a.txt', 'x\n']]);
    const chain = () =>
      github()
        .post('/repos/octo/demo/git/blobs')
        .reply(201, { sha: 'blob-a' })
        .get(`/repos/octo/demo/git/commits/${BASE}`)
        .reply(200, { sha: BASE, tree: { sha: BASE_TREE } })
        .post('/repos/octo/demo/git/trees')
        .reply(201, { sha: 'tree-3' })
        .post('/repos/octo/demo/git/commits')
        .reply(201, { sha: 'commit-3' });
    baseTreeListing(BASE_TREE);
    chain().post('/repos/octo/demo/git/refs').reply(422, { message: 'Reference already exists' });
    const exists = await commitChanges({ ...target(), baseSha: BASE, branch: BRANCH, message: 'm', changes: oneFile }).catch(
      (e: unknown) => e,
    );
    expect(isAosError(exists, 'github_branch_exists')).toBe(true);

    baseTreeListing(BASE_TREE);
    chain()
      .patch(/\/git\/refs\//)
      .reply(422, { message: 'Update is not a fast forward' });
    const moved = await commitChanges({
      ...target(),
      baseSha: BASE,
      branch: BRANCH,
      branchMode: 'update',
      message: 'm',
      changes: oneFile,
    }).catch((e: unknown) => e);
    expect(isAosError(moved, 'github_branch_moved')).toBe(true);
  });

  it('refuses to write a file over a symlink or submodule of the base before creating any blob', async () => {
    github()
      .get(`/repos/octo/demo/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: BASE_TREE } });
    baseTreeListing(BASE_TREE, [{ path: 'docs', mode: '120000', type: 'blob', sha: 'l1', size: 7 }]);
    const error = await commitChanges({
      ...target(),
      baseSha: BASE,
      branch: BRANCH,
      message: 'm',
      changes: new Map([['docs', 'x\n']]),
    }).catch((e: unknown) => e);
    expect(isAosError(error, 'github_invalid_change')).toBe(true);
  });

  it('refuses an empty change set, a bad path or a bad branch before any request', async () => {
    const empty = await commitChanges({ ...target(), baseSha: BASE, branch: BRANCH, message: 'm', changes: new Map() }).catch(
      (e: unknown) => e,
    );
    expect(isAosError(empty, 'github_nothing_to_commit')).toBe(true);
    const badPath = await commitChanges({
      ...target(),
      baseSha: BASE,
      branch: BRANCH,
      message: 'm',
      changes: new Map([['../etc/passwd', 'x']]),
    }).catch((e: unknown) => e);
    expect(isAosError(badPath, 'github_invalid_change')).toBe(true);
    const badBranch = await commitChanges({
      ...target(),
      baseSha: BASE,
      branch: 'aos/../x',
      message: 'm',
      changes: new Map([['a', 'x']]),
    }).catch((e: unknown) => e);
    expect(isAosError(badBranch, 'github_invalid_branch')).toBe(true);
  });
});
