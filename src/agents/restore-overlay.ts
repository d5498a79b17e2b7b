import { AosError } from '../observability/aos-error.ts';
import type { Edit, Workspace } from './workspace-types.ts';

/**
 * Rebuilds a workspace's overlay from a checkpoint's `changes` (after a restart), through the same
 * `applyEdits` and so the same edit guard as the original edits: a whole-file replace for a
 * changed file, a create for a new one, a delete for a removed one.
 */
export async function restoreOverlay(workspace: Workspace, changes: Readonly<Record<string, string | null>>): Promise<void> {
  workspace.reset();
  const edits: Edit[] = [];
  for (const [path, content] of Object.entries(changes)) {
    const base = await workspace.readFile(path);
    if (content === null) edits.push({ kind: 'delete', path });
    else if (base === null) edits.push({ kind: 'create', path, content });
    else if (base === '') edits.push({ kind: 'delete', path }, { kind: 'create', path, content });
    else if (base !== content) edits.push({ kind: 'replace', path, search: base, replace: content });
  }
  const outcomes = await workspace.applyEdits(edits);
  const failed = outcomes.filter((outcome) => !outcome.ok);
  if (failed.length > 0) {
    throw new AosError(
      'checkpoint_restore_failed',
      `the checkpoint's changes could not be restored: ${failed.map((outcome) => `${outcome.path}: ${'reason' in outcome ? outcome.reason : ''}`).join('; ')}`,
    );
  }
}
