import { posix } from 'node:path';

/** Where a `-r`/`-c` include leads, decided from its text alone. */
export type RequirementInclude = { kind: 'path'; path: string } | { kind: 'refused'; message: string };

// Two letters at least, so a Windows drive (`C:`) is a path, as pip takes it.
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const PLACEHOLDER = /\$\{[A-Z0-9_]+\}/;

/**
 * Resolves an include written in `file` (repository-relative) against the file's folder. Only a
 * path that stays inside the repository is followed: `..` past the root, an absolute path, a URL
 * (`https:`, `file:`) or an environment variable is refused with the reason, and never read.
 * Backslashes count as separators, as pip on Windows reads them, so `..\\x` cannot slip past.
 */
export function resolveRequirementInclude(file: string, target: string): RequirementInclude {
  if (PLACEHOLDER.test(target))
    return { kind: 'refused', message: `include ${target} uses an environment variable, which aos cannot resolve: not read` };
  if (URL_SCHEME.test(target)) return { kind: 'refused', message: `include ${target} not followed: only files in the repository are read` };
  const slashed = target.replace(/\\/g, '/');
  const path = posix.normalize(posix.join(posix.dirname(file), slashed));
  const outside = slashed.startsWith('/') || /^[a-z]:/i.test(slashed) || path === '..' || path.startsWith('../') || posix.isAbsolute(path);
  if (outside) return { kind: 'refused', message: `include outside the repository: ${target} (not read)` };
  return { kind: 'path', path };
}
