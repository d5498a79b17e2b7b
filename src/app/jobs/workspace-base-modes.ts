import type { Workspace } from '../../agents/workspace-types.ts';

/**
 * The git mode of every file of a workspace's base tree that a commit may touch: the listing
 * (present files keep their base mode; a new file is `100644`) plus the files the overlay deleted,
 * with the mode they had. What `commitChanges` needs, without asking GitHub for the tree again.
 */
export async function workspaceBaseModes(workspace: Pick<Workspace, 'listTree' | 'diff'>): Promise<Map<string, string>> {
  const modes = new Map((await workspace.listTree()).map((entry) => [entry.path, entry.mode]));
  for (const diff of await workspace.diff()) if (diff.status === 'deleted') modes.set(diff.path, diff.mode ?? '100644');
  return modes;
}
