import type { Dependency, ParseProblem, ParseResult } from '../types.ts';
import { jsonEntries, jsonMember } from './json-node.ts';
import { npmDependencyFromSpec } from './npm-dependency.ts';
import { readJsonTree } from './read-json-tree.ts';

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/**
 * Reads the dependencies a `package.json` declares in its four dependency sections, each at the
 * line of its key. Versions are the declared ranges; non-registry specs (git, hosted shorthands,
 * paths, `file:`, `link:`, `workspace:`, tarball URLs) keep the spec in `resolved`.
 */
export function parsePackageJson(text: string, file: string): ParseResult {
  const scan = readJsonTree(text);
  const problems: ParseProblem[] = scan.error ? [{ file, ...scan.error }] : [];
  const dependencies: Dependency[] = [];
  if (scan.root !== undefined && scan.root.kind !== 'object') {
    problems.push({ file, line: scan.root.line, message: 'package.json must contain a JSON object' });
  }
  for (const section of SECTIONS) {
    const node = jsonMember(scan.root, section);
    if (node === undefined) continue;
    if (node.kind !== 'object') {
      problems.push({ file, line: node.line, message: `"${section}" must be an object of package names to version specs` });
      continue;
    }
    const seen = new Map<string, number>();
    for (const entry of jsonEntries(node)) {
      if (entry.value.kind !== 'string') {
        problems.push({ file, line: entry.line, message: `"${section}.${entry.key}" must be a version string` });
        continue;
      }
      const earlier = seen.get(entry.key);
      if (earlier !== undefined) {
        problems.push({
          file,
          line: entry.line,
          message: `"${entry.key}" is declared twice in "${section}"; the declaration on line ${earlier} is ignored`,
        });
        const index = dependencies.findIndex((dependency) => dependency.line === earlier);
        if (index >= 0) dependencies.splice(index, 1);
      }
      seen.set(entry.key, entry.line);
      const dependency = npmDependencyFromSpec(entry.key, entry.value.value, file, entry.line);
      dependency.direct = true;
      dependencies.push(dependency);
    }
  }
  return { dependencies, problems };
}
