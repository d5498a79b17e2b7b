import type { RepoPathFacts } from './edit-guard-types.ts';

/** A base-tree entry as far as the guard cares: its path and git mode. */
export interface ModedPath {
  path: string;
  mode: string;
}

const fold = (path: string): string => path.normalize('NFC').toLowerCase();

/**
 * The guard's `RepoPathFacts` for a base-tree listing: symlinks (mode 120000) and submodules
 * (160000), looked up case-insensitively and after Unicode normalisation, since a checkout on a
 * case-insensitive file system (macOS, Windows) writes `Docs/x` through a symlink named `docs`.
 */
export function repoPathFactsFromTree(entries: Iterable<ModedPath>): RepoPathFacts {
  const symlinks = new Set<string>();
  const submodules = new Set<string>();
  for (const { path, mode } of entries) {
    if (mode === '120000') symlinks.add(fold(path));
    else if (mode === '160000') submodules.add(fold(path));
  }
  return { isSymlink: (path) => symlinks.has(fold(path)), isSubmodule: (path) => submodules.has(fold(path)) };
}
