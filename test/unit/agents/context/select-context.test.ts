import { describe, expect, it } from 'vitest';
import { selectContext } from '#src/agents/context/select-context.ts';
import { createOverlayWorkspace } from '#src/workspace/create-overlay-workspace.ts';
import type { TreeEntry, Workspace, WorkspaceBase } from '#src/agents/workspace-types.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '#src/policy/edit-guard/check-edit.ts';
import { FIXTURE_FILES } from './fixture-repo.ts';

/** An in-memory workspace over the fixture that records which files were read. */
function fixtureWorkspace(extra: Record<string, { size: number; mode?: string }> = {}) {
  const reads: string[] = [];
  const tree: TreeEntry[] = [
    ...Object.entries(FIXTURE_FILES).map(([path, content]) => ({
      path,
      size: content === null ? 2048 : Buffer.byteLength(content),
      mode: '100644',
    })),
    ...Object.entries(extra).map(([path, entry]) => ({ path, size: entry.size, mode: entry.mode ?? '100644' })),
  ];
  const workspace: Pick<Workspace, 'listTree' | 'readFile' | 'isSecretFile'> = {
    isSecretFile: () => false,
    listTree: async () => tree,
    readFile: async (path) => {
      reads.push(path);
      return FIXTURE_FILES[path] ?? (path in extra ? 'retry delay backoff httpClient\n' : null);
    },
  };
  return { workspace, reads };
}

describe('selectContext', () => {
  const task = 'fix the retry delay in httpClient backoff';

  it('returns the ranking and the included files with their content, best first', async () => {
    const { workspace } = fixtureWorkspace();
    const result = await selectContext(workspace, task, 400);
    expect(result.files.map((file) => file.path)).toEqual(result.ranked.filter((file) => file.included).map((file) => file.path));
    expect(result.files[0]).toEqual({ path: 'src/http/http-client.ts', content: FIXTURE_FILES['src/http/http-client.ts'] });
    expect(result.usedTokens).toBeLessThanOrEqual(400);
    expect(result.unread).toBe(0);
  });

  it('never reads excluded, oversized, symlinked or submodule files', async () => {
    const { workspace, reads } = fixtureWorkspace({
      'src/http/huge-backoff.ts': { size: 300 * 1024 },
      'src/http/link.ts': { size: 10, mode: '120000' },
      'vendored-lib': { size: 0, mode: '160000' },
    });
    const result = await selectContext(workspace, task, 10_000);
    expect(reads).not.toContain('src/http/huge-backoff.ts');
    expect(reads).not.toContain('package-lock.json');
    expect(reads).not.toContain('dist/http-client.min.js');
    expect(reads).not.toContain('src/http/link.ts');
    expect(result.ranked.find((file) => file.path === 'src/http/huge-backoff.ts')).toMatchObject({
      included: false,
      reasons: ['too large (300 KB)'],
    });
    expect(result.ranked.map((file) => file.path)).not.toContain('vendored-lib');
  });

  it('reads at most maxFilesRead files, those whose paths match the task best', async () => {
    const { workspace, reads } = fixtureWorkspace();
    const result = await selectContext(workspace, task, 10_000, { maxFilesRead: 2, concurrency: 1 });
    expect(reads).toEqual(['src/http/http-client.ts', 'src/http/backoff.ts']);
    expect(result.unread).toBe(5);
    expect(
      result.ranked.filter(
        (file) => file.reasons[0] !== 'lockfile' && !file.reasons[0]?.startsWith('binary') && !file.reasons[0]?.startsWith('generated'),
      ),
    ).toHaveLength(2);
  });

  it('reads the best files by path only while they fit maxBytesRead, and accounts for every entry of the tree', async () => {
    const { workspace, reads } = fixtureWorkspace({
      'src/http/backoff-retry-delay.ts': { size: 150_000 },
      'src/http/link.ts': { size: 10, mode: '120000' },
    });
    const result = await selectContext(workspace, task, 10_000, { maxBytesRead: 1000, concurrency: 1 });
    // The best path by far is too big for the byte budget; smaller files after it still fit.
    expect(reads).not.toContain('src/http/backoff-retry-delay.ts');
    expect(reads.length).toBeGreaterThan(0);
    const { reading } = result;
    expect(reading.readBytes).toBeLessThanOrEqual(1000);
    expect(reading.read).toBe(reads.length);
    expect(reading.overByteBudget).toBeGreaterThanOrEqual(1);
    expect(reading.skipped).toBe(1);
    expect(reading.read + reading.belowTopByPath + reading.overByteBudget + reading.excluded + reading.skipped).toBe(reading.listed);
    expect(result.unread).toBe(reading.belowTopByPath + reading.overByteBudget);
  });

  it('never selects or reads a secret file, however well it matches the task', async () => {
    const files: Record<string, string> = {
      ...Object.fromEntries(Object.entries(FIXTURE_FILES).filter((entry): entry is [string, string] => entry[1] !== null)),
      '.env': 'HTTP_CLIENT_RETRY_DELAY=5\nBACKOFF_SECRET=hunter2\n',
      'src/http/backoff.pem': 'retry delay backoff httpClient\n',
    };
    const reads: string[] = [];
    const base: WorkspaceBase = {
      listTree: async () => Object.entries(files).map(([path, content]) => ({ path, size: Buffer.byteLength(content), mode: '100644' })),
      readBlob: async (path) => (reads.push(path), files[path] === undefined ? null : Buffer.from(files[path])),
    };
    const workspace = createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY });
    const result = await selectContext(workspace, 'fix the retry delay in httpClient backoff (see .env and backoff.pem)', 100_000);
    expect(result.files.length).toBeGreaterThan(0);
    expect(result.ranked.map((file) => file.path)).not.toContain('.env');
    expect(result.ranked.map((file) => file.path)).not.toContain('src/http/backoff.pem');
    expect(reads).not.toContain('.env');
    expect(reads).not.toContain('src/http/backoff.pem');
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});
