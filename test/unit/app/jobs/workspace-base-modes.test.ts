import { describe, expect, it } from 'vitest';
import { commitChanges } from '#src/app/github/commit-changes.ts';
import { workspaceBaseModes } from '#src/app/jobs/workspace-base-modes.ts';
import type { WorkspaceBase } from '#src/agents/workspace-types.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '#src/policy/edit-guard/index.ts';
import { createOverlayWorkspace } from '#src/workspace/create-overlay-workspace.ts';
import { github, target } from '../github/github-test-octokit.ts';

const BASE = 'ba5e000000000000000000000000000000000001';
const BASE_TREE = 'feed000000000000000000000000000000000002';
const FILES: Record<string, { text: string; mode: string }> = {
  'run.sh': { text: '#!/bin/sh\necho one\n', mode: '100755' },
  'old.sh': { text: '#!/bin/sh\necho old\n', mode: '100755' },
  'docs/link': { text: '../run.sh', mode: '120000' },
  'src/index.ts': { text: 'export const x = 1;\n', mode: '100644' },
};

function workspace() {
  const base: WorkspaceBase = {
    listTree: async () => Object.entries(FILES).map(([path, file]) => ({ path, size: Buffer.byteLength(file.text), mode: file.mode })),
    readBlob: async (path) => (FILES[path] ? Buffer.from(FILES[path].text) : null),
  };
  return createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY });
}

describe('workspaceBaseModes', () => {
  it("gives a commit the base tree's modes from the workspace, deleted files included, so GitHub's tree is not listed again", async () => {
    const ws = workspace();
    const outcomes = await ws.applyEdits([
      { kind: 'replace', path: 'run.sh', search: 'echo one', replace: 'echo two' },
      { kind: 'delete', path: 'old.sh' },
      { kind: 'create', path: 'src/new.ts', content: 'export const y = 2;\n' },
    ]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const modes = await workspaceBaseModes(ws);
    expect(Object.fromEntries(modes)).toEqual({
      'run.sh': '100755',
      'old.sh': '100755',
      'docs/link': '120000',
      'src/index.ts': '100644',
      'src/new.ts': '100644',
    });

    const trees: Array<Record<string, unknown>> = [];
    // No GET of the base tree: nock refuses any request it was not told of.
    github()
      .get(`/repos/octo/demo/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: BASE_TREE } })
      .post('/repos/octo/demo/git/blobs')
      .times(2)
      .reply(201, { sha: 'blob-1' })
      .post('/repos/octo/demo/git/trees', (body: Record<string, unknown>) => (trees.push(body), true))
      .reply(201, { sha: 'tree-1' })
      .post('/repos/octo/demo/git/commits')
      .reply(201, { sha: 'commit-1' })
      .post('/repos/octo/demo/git/refs')
      .reply(201, { ref: 'refs/heads/aos/issue-1-abc' });
    const sha = await commitChanges({
      ...target(),
      baseSha: BASE,
      branch: 'aos/issue-1-abc',
      message: 'm',
      changes: ws.changedFiles(),
      baseModes: modes,
    });
    expect(sha).toBe('commit-1');
    expect(trees[0]!.tree).toEqual([
      { path: 'old.sh', mode: '100755', type: 'blob', sha: null },
      { path: 'run.sh', mode: '100755', type: 'blob', sha: 'blob-1' },
      { path: 'src/new.ts', mode: '100644', type: 'blob', sha: 'blob-1' },
    ]);
  });
});
