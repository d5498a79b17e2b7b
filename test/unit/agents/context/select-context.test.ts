import { describe, expect, it } from 'vitest';
import { selectContext } from '../../../../src/agents/context/select-context.ts';
import type { TreeEntry, Workspace } from '../../../../src/agents/workspace/workspace-types.ts';
import { FIXTURE_FILES } from './fixture-repo.ts';

/** An in-memory workspace over the fixture that records which files were read. */
function fixtureWorkspace(extra: Record<string, { size: number; mode?: string }> = {}) {
  const reads: string[] = [];
  const tree: TreeEntry[] = [
    ...Object.entries(FIXTURE_FILES).map(([path, content]) => ({ path, size: content === null ? 2048 : Buffer.byteLength(content), mode: '100644' })),
    ...Object.entries(extra).map(([path, entry]) => ({ path, size: entry.size, mode: entry.mode ?? '100644' })),
  ];
  const workspace: Pick<Workspace, 'listTree' | 'readFile'> = {
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
    expect(result.ranked.find((file) => file.path === 'src/http/huge-backoff.ts')).toMatchObject({ included: false, reasons: ['too large (300 KB)'] });
    expect(result.ranked.map((file) => file.path)).not.toContain('vendored-lib');
  });

  it('reads at most maxFilesRead files, those whose paths match the task best', async () => {
    const { workspace, reads } = fixtureWorkspace();
    const result = await selectContext(workspace, task, 10_000, { maxFilesRead: 2, concurrency: 1 });
    expect(reads).toEqual(['src/http/http-client.ts', 'src/http/backoff.ts']);
    expect(result.unread).toBe(5);
    expect(result.ranked.filter((file) => file.reasons[0] !== 'lockfile' && !file.reasons[0]?.startsWith('binary') && !file.reasons[0]?.startsWith('generated'))).toHaveLength(2);
  });
});
