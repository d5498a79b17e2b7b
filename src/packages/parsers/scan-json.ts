import type { JsonNode } from './json-node.ts';

/** What `scanJson` read: the value (partial when the text is malformed) and the first error. */
export interface JsonScan {
  root: JsonNode | undefined;
  error?: { line: number; message: string };
}

interface Cursor {
  text: string;
  pos: number;
  line: number;
  depth: number;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

// Far deeper than any lockfile; stops a hostile file from exhausting the stack.
const MAX_DEPTH = 500;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Reads JSON while recording the line of every key and value, so a dependency can be reported at
 * the exact line of its key even when the same key appears in several sections. Never throws: on
 * malformed input it returns everything read before the error, and the error with its line.
 */
export function scanJson(text: string): JsonScan {
  const cursor: Cursor = { text, pos: text.startsWith('\uFEFF') ? 1 : 0, line: 1, depth: 0 };
  let root: JsonNode | undefined;
  try {
    skipSpace(cursor);
    parseValue(cursor, (node) => {
      root = node;
    });
    skipSpace(cursor);
    if (cursor.pos < text.length) throw new JsonSyntaxError('unexpected content after the end of the JSON value', cursor.line);
    return { root };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { root, error: { line: error.line, message: `invalid JSON: ${error.message}` } };
  }
}

function skipSpace(cursor: Cursor): void {
  for (;;) {
    const char = cursor.text[cursor.pos];
    if (char === '\n') cursor.line += 1;
    else if (char !== ' ' && char !== '\t' && char !== '\r') return;
    cursor.pos += 1;
  }
}

function describe(cursor: Cursor): string {
  const char = cursor.text[cursor.pos];
  return char === undefined ? 'the file ends too early' : `unexpected character ${JSON.stringify(char)}`;
}

/** Containers are attached before they are filled, so a truncated file still yields its first part. */
function parseValue(cursor: Cursor, attach: (node: JsonNode) => void): void {
  const char = cursor.text[cursor.pos];
  const line = cursor.line;
  if ((char === '{' || char === '[') && cursor.depth >= MAX_DEPTH) throw new JsonSyntaxError(`nested more than ${MAX_DEPTH} levels deep`, line);
  if (char === '{' || char === '[') {
    cursor.depth += 1;
    if (char === '{') parseObject(cursor, attach);
    else parseArray(cursor, attach);
    cursor.depth -= 1;
    return;
  }
  if (char === '"') return attach({ kind: 'string', line, value: parseString(cursor) });
  for (const [word, value] of [['true', true], ['false', false]] as const) {
    if (cursor.text.startsWith(word, cursor.pos)) {
      cursor.pos += word.length;
      return attach({ kind: 'boolean', line, value });
    }
  }
  if (cursor.text.startsWith('null', cursor.pos)) {
    cursor.pos += 4;
    return attach({ kind: 'null', line });
  }
  NUMBER.lastIndex = cursor.pos;
  const match = NUMBER.exec(cursor.text);
  if (!match) throw new JsonSyntaxError(`${describe(cursor)} where a value was expected`, line);
  cursor.pos += match[0].length;
  return attach({ kind: 'number', line, value: Number(match[0]) });
}

function parseObject(cursor: Cursor, attach: (node: JsonNode) => void): void {
  const node: JsonNode = { kind: 'object', line: cursor.line, entries: [] };
  attach(node);
  cursor.pos += 1;
  skipSpace(cursor);
  if (cursor.text[cursor.pos] === '}') {
    cursor.pos += 1;
    return;
  }
  for (;;) {
    if (cursor.text[cursor.pos] !== '"') throw new JsonSyntaxError(`${describe(cursor)} where a key was expected`, cursor.line);
    const line = cursor.line;
    const key = parseString(cursor);
    skipSpace(cursor);
    if (cursor.text[cursor.pos] !== ':') throw new JsonSyntaxError(`${describe(cursor)} where ':' was expected`, cursor.line);
    cursor.pos += 1;
    skipSpace(cursor);
    parseValue(cursor, (value) => node.entries.push({ key, line, value }));
    if (closeOrContinue(cursor, '}')) return;
  }
}

function parseArray(cursor: Cursor, attach: (node: JsonNode) => void): void {
  const node: JsonNode = { kind: 'array', line: cursor.line, items: [] };
  attach(node);
  cursor.pos += 1;
  skipSpace(cursor);
  if (cursor.text[cursor.pos] === ']') {
    cursor.pos += 1;
    return;
  }
  for (;;) {
    parseValue(cursor, (value) => node.items.push(value));
    if (closeOrContinue(cursor, ']')) return;
  }
}

/** After a member: true when the container closes, false after a comma. */
function closeOrContinue(cursor: Cursor, close: string): boolean {
  skipSpace(cursor);
  const char = cursor.text[cursor.pos];
  cursor.pos += 1;
  if (char === close) return true;
  if (char === ',') {
    skipSpace(cursor);
    return false;
  }
  cursor.pos -= 1;
  throw new JsonSyntaxError(`${describe(cursor)} where ',' or '${close}' was expected`, cursor.line);
}

function parseString(cursor: Cursor): string {
  const { text } = cursor;
  let out = '';
  cursor.pos += 1;
  for (;;) {
    const char = text[cursor.pos];
    if (char === undefined || char === '\n') throw new JsonSyntaxError('unterminated string', cursor.line);
    cursor.pos += 1;
    if (char === '"') return out;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const escape = text[cursor.pos] ?? '';
    cursor.pos += 1;
    if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(cursor.pos, cursor.pos + 4))) {
      out += String.fromCharCode(Number.parseInt(text.slice(cursor.pos, cursor.pos + 4), 16));
      cursor.pos += 4;
    } else if (ESCAPES[escape] !== undefined) {
      out += ESCAPES[escape];
    } else {
      throw new JsonSyntaxError(`invalid escape sequence \\${escape}`, cursor.line);
    }
  }
}
