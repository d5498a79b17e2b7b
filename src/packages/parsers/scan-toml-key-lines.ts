/** Where a TOML document defines a key: a `[table]`, an `[[array.table]]` or a `key = value` line. */
export interface TomlKeyLine {
  /** 1-based line. */
  line: number;
  /** Full dotted key, quotes removed: `[package.source]` → `['package', 'source']`; a value line under `[x]` → `['x', key…]`. */
  key: string[];
  kind: 'table' | 'array-table' | 'value';
}

const BARE_KEY = /[A-Za-z0-9_-]+/y;

/** Reads one quoted key part at `pos` (on its quote); returns the text and the position after it. */
function readQuoted(text: string, pos: number): [string, number] {
  const quote = text[pos];
  let end = pos + 1;
  while (end < text.length && text[end] !== quote) end += quote === '"' && text[end] === '\\' ? 2 : 1;
  const raw = text.slice(pos, end + 1);
  if (quote === "'") return [raw.slice(1, -1), end + 1];
  try {
    return [JSON.parse(raw) as string, end + 1];
  } catch {
    return [raw.slice(1, -1), end + 1];
  }
}

/** The position just after the string whose opening quote is at `pos` (any of the four kinds). */
function skipString(text: string, pos: number): number {
  const quote = text[pos] ?? '"';
  const triple = text.startsWith(quote.repeat(3), pos);
  let i = pos + (triple ? 3 : 1);
  while (i < text.length) {
    const char = text[i];
    if (char === '\\' && quote === '"') {
      i += 2;
    } else if (char === quote && (!triple || text.startsWith(quote.repeat(3), i))) {
      if (!triple) return i + 1;
      // Up to two quotes may stand right before the closing delimiter: the run's last three close it.
      let run = 3;
      while (run < 5 && text[i + run] === quote) run += 1;
      return i + run;
    } else if (char === '\n' && !triple) {
      return i;
    } else {
      i += 1;
    }
  }
  return i;
}

/** Reads a dotted key (`a."b.c".d`) at `pos`; returns its parts and the position after it. */
function readKey(text: string, pos: number): [string[], number] {
  const parts: string[] = [];
  for (;;) {
    while (text[pos] === ' ' || text[pos] === '\t') pos += 1;
    const char = text[pos];
    if (char === '"' || char === "'") {
      const [part, next] = readQuoted(text, pos);
      parts.push(part);
      pos = next;
    } else {
      BARE_KEY.lastIndex = pos;
      const bare = BARE_KEY.exec(text)?.[0] ?? '';
      parts.push(bare);
      pos += Math.max(bare.length, 1);
    }
    while (text[pos] === ' ' || text[pos] === '\t') pos += 1;
    if (text[pos] !== '.') return [parts, pos];
    pos += 1;
  }
}

/**
 * The line of every table header and key definition in a TOML text, in one linear pass that
 * skips strings (all four kinds), comments and the insides of arrays and inline tables, so a
 * `[[package]]` written inside a multi-line string is not taken for a header. Meant for a text a
 * TOML parser has already accepted: it gives positions, the parser gives values.
 */
export function scanTomlKeyLines(text: string): TomlKeyLine[] {
  const found: TomlKeyLine[] = [];
  let line = 1;
  let pos = 0;
  let depth = 0;
  let statementStart = true;
  let table: string[] = [];
  while (pos < text.length) {
    const char = text[pos] ?? '';
    if (char === '\n') {
      line += 1;
      pos += 1;
      if (depth === 0) statementStart = true;
    } else if (char === ' ' || char === '\t' || char === '\r') {
      pos += 1;
    } else if (char === '#') {
      while (pos < text.length && text[pos] !== '\n') pos += 1;
    } else if (statementStart && depth === 0) {
      statementStart = false;
      if (char === '[') {
        const isArray = text[pos + 1] === '[';
        const [key, next] = readKey(text, pos + (isArray ? 2 : 1));
        table = key;
        found.push({ line, key, kind: isArray ? 'array-table' : 'table' });
        pos = next + (isArray ? 2 : 1);
      } else {
        const [key, next] = readKey(text, pos);
        found.push({ line, key: [...table, ...key], kind: 'value' });
        pos = next;
      }
    } else if (char === '"' || char === "'") {
      const end = skipString(text, pos);
      for (let i = pos; i < end; i += 1) if (text[i] === '\n') line += 1;
      pos = end;
    } else {
      if (char === '[' || char === '{') depth += 1;
      if (char === ']' || char === '}') depth -= 1;
      pos += 1;
    }
  }
  return found;
}
