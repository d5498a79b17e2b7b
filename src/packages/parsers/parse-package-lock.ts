import type { ParseProblem, ParseResult } from '../types.ts';
import { jsonMember } from './json-node.ts';
import { readLockDependencyTree } from './read-lock-dependency-tree.ts';
import { readLockPackages } from './read-lock-packages.ts';
import { readJsonTree } from './read-json-tree.ts';

/** The lockfile versions npm has written; a later one may mean something aos does not read. */
const KNOWN_VERSIONS: ReadonlySet<number> = new Set([1, 2, 3]);

/**
 * Reads `package-lock.json` / `npm-shrinkwrap.json`. Versions 2 and 3 are read from the
 * `packages` map (v2 also carries the v1 tree, which would only repeat it); version 1 from the
 * nested `dependencies` tree. Each dependency is reported at the line of its key.
 */
export function parsePackageLock(text: string, file: string): ParseResult {
  const scan = readJsonTree(text);
  const problems: ParseProblem[] = scan.error ? [{ file, ...scan.error }] : [];
  const root = scan.root;
  if (root !== undefined && root.kind !== 'object') {
    problems.push({ file, line: root.line, message: 'a package lock must contain a JSON object' });
    return { dependencies: [], problems };
  }
  const lockfileVersion = jsonMember(root, 'lockfileVersion');
  if (lockfileVersion !== undefined && !(lockfileVersion.kind === 'number' && KNOWN_VERSIONS.has(lockfileVersion.value))) {
    problems.push({ file, line: lockfileVersion.line, message: '"lockfileVersion" must be 1, 2 or 3' });
  }
  const packages = jsonMember(root, 'packages');
  if (packages !== undefined) {
    const result = readLockPackages(packages, file);
    return { dependencies: result.dependencies, problems: [...problems, ...result.problems] };
  }
  const tree = jsonMember(root, 'dependencies');
  if (tree !== undefined) {
    const result = readLockDependencyTree(tree, file);
    return { dependencies: result.dependencies, problems: [...problems, ...result.problems] };
  }
  if (root !== undefined && problems.length === 0) {
    problems.push({ file, line: root.line, message: 'no "packages" or "dependencies" found: is this an npm lockfile?' });
  }
  return { dependencies: [], problems };
}
