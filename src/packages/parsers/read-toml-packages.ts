import type { ParseProblem } from '../types.ts';
import { recordOf, stringOf } from './plain-data.ts';
import { readToml } from './read-toml.ts';
import type { TomlTable } from './toml-cursor.ts';

/** One `[[package]]` table of a Python lockfile, with the line of its header. */
export interface TomlPackage {
  name: string;
  version: string;
  table: TomlTable;
  line: number;
}

/**
 * Reads the `[[package]]` array of tables that poetry.lock and uv.lock share. A package without a
 * name is a problem at its header line; TOML syntax errors are problems at their line.
 */
export function readTomlPackages(text: string, file: string): { root: TomlTable; packages: TomlPackage[]; problems: ParseProblem[] } {
  const { root, headerLines, problems: syntax } = readToml(text);
  const problems: ParseProblem[] = syntax.map((problem) => ({ file, ...problem }));
  const packages: TomlPackage[] = [];
  const tables = Array.isArray(root['package']) ? root['package'] : [];
  for (const value of tables) {
    const table = recordOf(value) as TomlTable | undefined;
    if (table === undefined) continue;
    const line = headerLines.get(table) ?? 1;
    const name = stringOf(table['name']);
    if (name === undefined) {
      problems.push({ file, line, message: 'this [[package]] has no name' });
      continue;
    }
    packages.push({ name, version: stringOf(table['version']) ?? '', table, line });
  }
  return { root, packages, problems };
}
