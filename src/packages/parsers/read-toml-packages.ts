import { parse, TomlError } from 'smol-toml';
import type { ParseProblem } from '../types.ts';
import { recordOf } from './plain-data.ts';
import { scanTomlKeyLines } from './scan-toml-key-lines.ts';

/** One `[[package]]` table of a Python lockfile, with the line of its header. */
export interface TomlPackage {
  name: string;
  version: string;
  table: Record<string, unknown>;
  line: number;
}

/** What `readTomlPackages` read: the whole document, its packages, and the problems found. */
export interface TomlPackages {
  root: Record<string, unknown>;
  packages: TomlPackage[];
  problems: ParseProblem[];
  /** The line where a top-level key is first defined (as a table or a value), 1 when unknown. */
  lineOf(key: string): number;
}

// Lockfiles nest three or four levels; anything deeper is hostile or broken.
const MAX_DEPTH = 32;

/** How a value of the wrong type is named in a problem. */
export function tomlTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object' && value !== null) return 'a table';
  return `a ${typeof value}`;
}

/**
 * Reads the `[[package]]` array of tables that poetry.lock and uv.lock share. The TOML library
 * gives the values (a syntax error is one problem at its line, and nothing is read); a linear
 * header scan gives each package the line of its header. A package whose name or version is not
 * a string is a problem at that line, never a nameless or versionless package.
 */
export function readTomlPackages(text: string, file: string): TomlPackages {
  const empty = { root: {}, packages: [], lineOf: () => 1 };
  if (text.trim() === '') return { ...empty, problems: [{ file, line: 1, message: 'the file is empty' }] };
  let root: Record<string, unknown>;
  try {
    root = parse(text, { maxDepth: MAX_DEPTH });
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    return { ...empty, problems: [{ file, line: Math.max(error.line, 1), message: `invalid TOML: ${reason} (column ${error.column})` }] };
  }
  const keyLines = scanTomlKeyLines(text);
  const lineOf = (key: string) => keyLines.find((entry) => entry.key.length >= 1 && entry.key[0] === key)?.line ?? 1;
  const headerLines = keyLines
    .filter((entry) => entry.kind === 'array-table' && entry.key.length === 1 && entry.key[0] === 'package')
    .map((entry) => entry.line);
  const problems: ParseProblem[] = [];
  const packages: TomlPackage[] = [];
  const tables = root['package'];
  if (tables !== undefined && !Array.isArray(tables)) {
    problems.push({
      file,
      line: lineOf('package'),
      message: `"package" must be an array of tables ([[package]]), not ${tomlTypeOf(tables)}`,
    });
  }
  (Array.isArray(tables) ? tables : []).forEach((value, index) => {
    const line = headerLines[index] ?? lineOf('package');
    const table = recordOf(value);
    if (table === undefined || value instanceof Date) {
      problems.push({ file, line, message: `each entry of "package" must be a table, not ${tomlTypeOf(value)}` });
      return;
    }
    const { name, version } = table;
    if (name === undefined) problems.push({ file, line, message: 'this [[package]] has no name' });
    else if (typeof name !== 'string')
      problems.push({ file, line, message: `"name" of this [[package]] must be a string, not ${tomlTypeOf(name)}` });
    else if (version !== undefined && typeof version !== 'string')
      problems.push({ file, line, message: `"version" of package "${name}" must be a string, not ${tomlTypeOf(version)}` });
    else packages.push({ name, version: version ?? '', table, line });
  });
  return { root, packages, problems, lineOf };
}
