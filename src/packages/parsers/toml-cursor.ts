/** A TOML value as plain data; dates and times stay strings. */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;

/** A TOML table. */
export interface TomlTable {
  [key: string]: TomlValue;
}

/** Reading position in a TOML text, with the 1-based line of `pos`. */
export interface TomlCursor {
  text: string;
  pos: number;
  line: number;
  /** Nesting of arrays and inline tables at the cursor. */
  depth: number;
}

/** A syntax error at a line; caught by the reader and turned into a problem. */
export class TomlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Moves the cursor `count` characters on, counting the newlines passed. */
export function advance(cursor: TomlCursor, count: number): void {
  for (let index = 0; index < count; index += 1) {
    if (cursor.text[cursor.pos] === '\n') cursor.line += 1;
    cursor.pos += 1;
  }
}

/** Skips spaces and tabs; with `acrossLines`, also newlines and comments. */
export function skipBlank(cursor: TomlCursor, acrossLines: boolean): void {
  for (;;) {
    const char = cursor.text[cursor.pos];
    if (char === ' ' || char === '\t' || (acrossLines && (char === '\n' || char === '\r'))) advance(cursor, 1);
    else if (acrossLines && char === '#') skipComment(cursor);
    else return;
  }
}

/** Skips a comment up to, not including, the end of the line. */
export function skipComment(cursor: TomlCursor): void {
  while (cursor.pos < cursor.text.length && cursor.text[cursor.pos] !== '\n') cursor.pos += 1;
}

/** Throws a syntax error naming what was found at the cursor. */
export function fail(cursor: TomlCursor, expected: string): never {
  const char = cursor.text[cursor.pos];
  const found = char === undefined ? 'the end of the file' : char === '\n' || char === '\r' ? 'the end of the line' : JSON.stringify(char);
  throw new TomlSyntaxError(`expected ${expected}, found ${found}`, cursor.line);
}

/** Consumes `token` or fails. */
export function expect(cursor: TomlCursor, token: string): void {
  if (!cursor.text.startsWith(token, cursor.pos)) fail(cursor, `'${token}'`);
  advance(cursor, token.length);
}
