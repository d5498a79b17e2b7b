import type { TomlCursor } from './toml-cursor.ts';
import { advance, TomlSyntaxError } from './toml-cursor.ts';

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };

/**
 * Reads a TOML string of any of the four kinds (basic, literal, and their multi-line forms) at
 * the cursor, which must be on its opening quote.
 */
export function readTomlString(cursor: TomlCursor): string {
  const quote = cursor.text[cursor.pos] === "'" ? "'" : '"';
  const multiLine = cursor.text.startsWith(quote.repeat(3), cursor.pos);
  const close = multiLine ? quote.repeat(3) : quote;
  const startLine = cursor.line;
  advance(cursor, close.length);
  if (multiLine && cursor.text[cursor.pos] === '\n') advance(cursor, 1);
  else if (multiLine && cursor.text.startsWith('\r\n', cursor.pos)) advance(cursor, 2);
  let out = '';
  for (;;) {
    if (cursor.text.startsWith(close, cursor.pos)) {
      advance(cursor, close.length);
      return out;
    }
    const char = cursor.text[cursor.pos];
    if (char === undefined || (!multiLine && char === '\n')) throw new TomlSyntaxError('unterminated string', startLine);
    if (char === '\\' && quote === '"') {
      out += readEscape(cursor, multiLine);
      continue;
    }
    out += char;
    advance(cursor, 1);
  }
}

function readEscape(cursor: TomlCursor, multiLine: boolean): string {
  const next = cursor.text[cursor.pos + 1] ?? '';
  if (multiLine && /^[ \t]*\r?\n/.test(cursor.text.slice(cursor.pos + 1, cursor.pos + 200))) {
    // A line-ending backslash joins lines: it eats the newline and the indentation after it.
    advance(cursor, 1);
    while (/[ \t\r\n]/.test(cursor.text[cursor.pos] ?? '')) advance(cursor, 1);
    return '';
  }
  const simple = ESCAPES[next];
  if (simple !== undefined) {
    advance(cursor, 2);
    return simple;
  }
  const digits = next === 'u' ? 4 : next === 'U' ? 8 : 0;
  const hex = cursor.text.slice(cursor.pos + 2, cursor.pos + 2 + digits);
  if (digits === 0 || !new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex) || Number.parseInt(hex, 16) > 0x10ffff) {
    throw new TomlSyntaxError(`invalid escape sequence \\${next}`, cursor.line);
  }
  advance(cursor, 2 + digits);
  return String.fromCodePoint(Number.parseInt(hex, 16));
}
