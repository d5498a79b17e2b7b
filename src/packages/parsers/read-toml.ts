import type { TomlCursor, TomlTable, TomlValue } from './toml-cursor.ts';
import { advance, expect, fail, skipBlank, skipComment, TomlSyntaxError } from './toml-cursor.ts';
import { assignTomlKey, readTomlKey, readTomlValue } from './read-toml-value.ts';

/** What `readToml` read: the document, the header line of each `[table]`/`[[table]]`, and problems. */
export interface TomlDocument {
  root: TomlTable;
  /** 1-based line of the header that opened each table, for tables opened by a header. */
  headerLines: Map<TomlTable, number>;
  problems: Array<{ line: number; message: string }>;
}

/**
 * Reads the TOML that lockfiles use (tables, arrays of tables, dotted and quoted keys, all string
 * kinds, numbers, booleans, dates as text, multi-line arrays, inline tables). Never throws: a bad
 * line becomes a problem with its line, the reader skips to the next top-level line and goes on.
 */
export function readToml(text: string): TomlDocument {
  const cursor: TomlCursor = { text, pos: 0, line: 1, depth: 0 };
  const root: TomlTable = {};
  const headerLines = new Map<TomlTable, number>();
  const problems: TomlDocument['problems'] = [];
  let current = root;
  for (;;) {
    skipBlank(cursor, true);
    if (cursor.pos >= text.length) break;
    const line = cursor.line;
    try {
      if (text.startsWith('[', cursor.pos)) {
        // Until the header is read, keys go to a detached table, so a broken header cannot
        // spill its keys into the previous package.
        current = {};
        current = readHeader(cursor, root);
        headerLines.set(current, line);
      } else {
        const keys = readTomlKey(cursor);
        expect(cursor, '=');
        skipBlank(cursor, false);
        assignTomlKey(current, keys, readTomlValue(cursor), line);
      }
      endLine(cursor);
    } catch (error) {
      if (!(error instanceof TomlSyntaxError)) throw error;
      problems.push({ line: error.line, message: `invalid TOML: ${error.message}` });
      resync(cursor, line);
    }
  }
  return { root, headerLines, problems };
}

function readHeader(cursor: TomlCursor, root: TomlTable): TomlTable {
  const isArray = cursor.text.startsWith('[[', cursor.pos);
  advance(cursor, isArray ? 2 : 1);
  const line = cursor.line;
  const keys = readTomlKey(cursor);
  expect(cursor, isArray ? ']]' : ']');
  let parent = root;
  for (const key of keys.slice(0, -1)) parent = descend(parent, key, line);
  const last = keys[keys.length - 1] ?? '';
  const existing = parent[last];
  if (!isArray) return descend(parent, last, line);
  const table: TomlTable = {};
  if (existing === undefined) parent[last] = [table];
  else if (Array.isArray(existing)) existing.push(table);
  else throw new TomlSyntaxError(`"${keys.join('.')}" is already defined as something other than an array of tables`, line);
  return table;
}

/** The table under `key`, created when missing; for an array of tables, its latest table. */
function descend(table: TomlTable, key: string, line: number): TomlTable {
  const existing: TomlValue | undefined = table[key];
  const target = Array.isArray(existing) ? existing[existing.length - 1] : existing;
  if (target === undefined) return (table[key] = {});
  if (typeof target === 'object' && !Array.isArray(target)) return target;
  throw new TomlSyntaxError(`"${key}" is already a value, not a table`, line);
}

function endLine(cursor: TomlCursor): void {
  skipBlank(cursor, false);
  if (cursor.text[cursor.pos] === '#') skipComment(cursor);
  if (cursor.text[cursor.pos] === '\r') advance(cursor, 1);
  if (cursor.pos < cursor.text.length && cursor.text[cursor.pos] !== '\n') fail(cursor, 'the end of the line');
}

/**
 * After an error: resume at the next line that starts a statement (not indented, not a closing
 * bracket). A statement line the error ran into (an unclosed array before a `[[package]]`) is
 * kept, so the next table is not lost.
 */
function resync(cursor: TomlCursor, statementLine: number): void {
  const lineStart = cursor.text.lastIndexOf('\n', cursor.pos - 1) + 1;
  if (cursor.line > statementLine && startsStatement(cursor.text, lineStart)) {
    cursor.pos = lineStart;
    return;
  }
  for (;;) {
    skipComment(cursor);
    if (cursor.pos >= cursor.text.length) return;
    advance(cursor, 1);
    if (startsStatement(cursor.text, cursor.pos)) return;
  }
}

function startsStatement(text: string, pos: number): boolean {
  return /^[^\s\]},{]/.test(text[pos] ?? 'x');
}
