import { repoPathProblem, secretFileGlob, secretFileReadError, type EditGuardPolicy } from '../policy/edit-guard/index.ts';
import { applyOverlayEdit, type OverlayState } from './apply-overlay-edit.ts';
import { createBaseView } from './create-base-view.ts';
import { createFileDiff } from './create-file-diff.ts';
import { renderUnifiedDiff } from './unified-diff.ts';
import type { EditOutcome, FileDiff, TreeEntry, Workspace, WorkspaceBase } from '../agents/workspace-types.ts';

/** Options of `createOverlayWorkspace`. */
export interface OverlayWorkspaceOptions {
  /** The read-only tree: a local git commit or a GitHub tree. */
  base: WorkspaceBase;
  /** Guard policy: deny globs (defaults always included), limits and the file size limit. */
  policy: EditGuardPolicy;
}

/**
 * A workspace whose edits live in memory on top of a read-only base. Every edit passes the edit
 * guard and the overlay-wide limits; base files that are binary, over `maxFileBytes`, symlinks or
 * submodules read as null and cannot be edited. Secret files (`policy.secretFiles` and the
 * defaults) are listed but never read: `readFile` and `readBaseFile` reject with `secret_file`
 * before the base is asked for a byte. Batches of edits run one after another.
 */
export function createOverlayWorkspace(options: OverlayWorkspaceOptions): Workspace {
  const state: OverlayState = {
    view: createBaseView(options.base, options.policy.maxFileBytes),
    policy: options.policy,
    changes: new Map(),
    changedLines: new Map(),
  };
  let queue: Promise<unknown> = Promise.resolve();
  const refuseSecret = (path: string): void => {
    const error = secretFileReadError(path, options.policy.secretFiles);
    if (error !== null) throw error;
  };

  const diff = async (): Promise<FileDiff[]> => {
    const entries = await state.view.entries();
    const diffs: FileDiff[] = [];
    for (const [path, newContent] of [...state.changes].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const baseFile = await state.view.file(path);
      const oldContent = baseFile.state === 'text' ? baseFile.text : null;
      diffs.push(createFileDiff({ path, oldContent, newContent, mode: entries.get(path)?.mode ?? '100644' }));
    }
    return diffs;
  };

  return {
    async listTree() {
      const entries = await state.view.entries();
      const tree: TreeEntry[] = [...entries.values()].filter((entry) => !state.changes.has(entry.path));
      for (const [path, content] of state.changes) {
        if (content !== null) tree.push({ path, size: Buffer.byteLength(content, 'utf8'), mode: entries.get(path)?.mode ?? '100644' });
      }
      return tree.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    isSecretFile(path) {
      return secretFileGlob(path, options.policy.secretFiles) !== null;
    },
    async readFile(path) {
      if (repoPathProblem(path) !== null) return null;
      refuseSecret(path);
      if (state.changes.has(path)) return state.changes.get(path) ?? null;
      const file = await state.view.file(path);
      return file.state === 'text' ? file.text : null;
    },
    async readBaseFile(path) {
      if (repoPathProblem(path) !== null) return null;
      refuseSecret(path);
      const file = await state.view.file(path);
      return file.state === 'text' ? file.text : null;
    },
    applyEdits(edits) {
      const run = queue.then(async () => {
        const outcomes: EditOutcome[] = [];
        for (const edit of edits) outcomes.push(await applyOverlayEdit(state, edit));
        return outcomes;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    diff,
    async unifiedDiff() {
      return renderUnifiedDiff(await diff());
    },
    changedFiles() {
      return new Map(state.changes);
    },
    reset() {
      state.changes.clear();
      state.changedLines.clear();
    },
  };
}
