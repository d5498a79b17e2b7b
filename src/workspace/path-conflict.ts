import type { TreeEntry } from '../agents/workspace-types.ts';

/**
 * Why a new file cannot be created at `path` in a tree (the base entries with the overlay's
 * changes on top), or null: a git tree cannot hold a file where a directory is, or below a file.
 */
export function pathConflict(
  path: string,
  entries: ReadonlyMap<string, TreeEntry>,
  changes: ReadonlyMap<string, string | null>,
): string | null {
  const exists = (candidate: string): boolean => (changes.has(candidate) ? changes.get(candidate) !== null : entries.has(candidate));
  const segments = path.split('/');
  for (let count = 1; count < segments.length; count += 1) {
    const parent = segments.slice(0, count).join('/');
    if (exists(parent)) return `cannot create ${JSON.stringify(path)}: ${JSON.stringify(parent)} is a file, not a directory`;
  }
  const below = `${path}/`;
  const isDirectory = [...entries.keys(), ...changes.keys()].some((candidate) => candidate.startsWith(below) && exists(candidate));
  return isDirectory ? `cannot create ${JSON.stringify(path)}: it is a directory` : null;
}
