import type { TomlCursor, TomlTable, TomlValue } from './toml-cursor.ts';
import { advance, expect, fail, skipBlank, TomlSyntaxError } from './toml-cursor.ts';
import { readTomlString } from './read-toml-string.ts';

// Far deeper than any lockfile; stops a hostile file from exhausting the stack.
const MAX_DEPTH = 500;
const BARE_KEY = /[A-Za-z0-9_-]+/y;
const BARE_VALUE = /[A-Za-z0-9_:.+-]+/y;
const DECIMAL = /^[+-]?(?:0|[1-9](?:_?\d)*)(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?$/;

/** Reads a possibly dotted, possibly quoted key (`name`, `"a.b"`, `package.source`) into its parts. */
export function readTomlKey(cursor: TomlCursor): string[] {
  const parts: string[] = [];
  for (;;) {
    skipBlank(cursor, false);
    const char = cursor.text[cursor.pos];
    if (char === '"' || char === "'") {
      parts.push(readTomlString(cursor));
    } else {
      BARE_KEY.lastIndex = cursor.pos;
      const match = BARE_KEY.exec(cursor.text);
      if (!match) fail(cursor, 'a key');
      parts.push(match[0]);
      advance(cursor, match[0].length);
    }
    skipBlank(cursor, false);
    if (cursor.text[cursor.pos] !== '.') return parts;
    advance(cursor, 1);
  }
}

/** Stores `value` at a dotted key inside `table`, creating the intermediate tables. */
export function assignTomlKey(table: TomlTable, keys: readonly string[], value: TomlValue, line: number): void {
  let target = table;
  for (const key of keys.slice(0, -1)) {
    const existing = target[key];
    if (existing === undefined) target = target[key] = {};
    else if (typeof existing === 'object' && !Array.isArray(existing)) target = existing;
    else throw new TomlSyntaxError(`key "${key}" is already a value, not a table`, line);
  }
  const last = keys[keys.length - 1] ?? '';
  if (target[last] !== undefined) throw new TomlSyntaxError(`duplicate key "${keys.join('.')}"`, line);
  target[last] = value;
}

/** Reads the value at the cursor: a string, number, boolean, date (kept as text), array or inline table. */
export function readTomlValue(cursor: TomlCursor): TomlValue {
  const char = cursor.text[cursor.pos];
  if (char === '"' || char === "'") return readTomlString(cursor);
  if (char === '[' || char === '{') {
    if (cursor.depth >= MAX_DEPTH) throw new TomlSyntaxError(`nested more than ${MAX_DEPTH} levels deep`, cursor.line);
    cursor.depth += 1;
    const value = char === '[' ? readArray(cursor) : readInlineTable(cursor);
    cursor.depth -= 1;
    return value;
  }
  BARE_VALUE.lastIndex = cursor.pos;
  const token = BARE_VALUE.exec(cursor.text)?.[0];
  if (token === undefined) fail(cursor, 'a value');
  const line = cursor.line;
  advance(cursor, token.length);
  if (token === 'true' || token === 'false') return token === 'true';
  if (DECIMAL.test(token)) return Number(token.replace(/_/g, ''));
  if (/^0[xob][0-9a-fA-F_]+$/.test(token)) return Number(token.replace(/_/g, ''));
  if (/^[+-]?(?:inf|nan)$/.test(token)) return token.includes('nan') ? Number.NaN : token.startsWith('-') ? -Infinity : Infinity;
  if (/^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(token)) return token;
  throw new TomlSyntaxError(`invalid value ${JSON.stringify(token)} (strings must be quoted)`, line);
}

function readArray(cursor: TomlCursor): TomlValue[] {
  const items: TomlValue[] = [];
  const startLine = cursor.line;
  advance(cursor, 1);
  for (;;) {
    skipBlank(cursor, true);
    if (cursor.text[cursor.pos] === ']') break;
    if (cursor.pos >= cursor.text.length) throw new TomlSyntaxError(`array opened on line ${startLine} is never closed`, cursor.line);
    items.push(readTomlValue(cursor));
    skipBlank(cursor, true);
    if (cursor.text[cursor.pos] === ',') advance(cursor, 1);
    else if (cursor.text[cursor.pos] !== ']') fail(cursor, "',' or ']'");
  }
  advance(cursor, 1);
  return items;
}

/** Inline tables stay on one line (TOML 1.0), so an unclosed one is reported on its own line. */
function readInlineTable(cursor: TomlCursor): TomlTable {
  const table: TomlTable = {};
  advance(cursor, 1);
  skipBlank(cursor, false);
  if (cursor.text[cursor.pos] === '}') {
    advance(cursor, 1);
    return table;
  }
  for (;;) {
    const line = cursor.line;
    const keys = readTomlKey(cursor);
    expect(cursor, '=');
    skipBlank(cursor, false);
    assignTomlKey(table, keys, readTomlValue(cursor), line);
    skipBlank(cursor, false);
    const char = cursor.text[cursor.pos];
    if (char === '}') break;
    if (char !== ',') fail(cursor, "',' or '}'");
    advance(cursor, 1);
    skipBlank(cursor, false);
  }
  advance(cursor, 1);
  return table;
}
