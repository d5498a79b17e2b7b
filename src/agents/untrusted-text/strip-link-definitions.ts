/** The text without link reference definitions, and how many there were. */
export interface StrippedDefinitions {
  text: string;
  count: number;
}

/** CommonMark's limit on a link label. */
const MAX_LABEL = 999;
/** Parentheses nested deeper than this inside a bare destination make it no destination. */
const MAX_PAREN_DEPTH = 32;

const isSpaceOrTab = (char: string | undefined) => char === ' ' || char === '\t';

/** True when the line starting at `from` holds only spaces and tabs (or the text has ended). */
function blankLineAt(text: string, from: number): boolean {
  let index = from;
  while (isSpaceOrTab(text[index])) index += 1;
  return index >= text.length || text[index] === '\n';
}

/** The index after the line break ending the line at `from` if only spaces and tabs are left on it; -1 otherwise. */
function restOfLineBlank(text: string, from: number): number {
  let index = from;
  while (isSpaceOrTab(text[index])) index += 1;
  if (index >= text.length) return text.length;
  return text[index] === '\n' ? index + 1 : -1;
}

/** Skips indentation and the markers of block quotes (`>`) and list items (`-`, `*`, `+`, `1.`, `1)`). */
function skipContainerMarkers(text: string, from: number): number {
  let index = from;
  for (;;) {
    while (isSpaceOrTab(text[index])) index += 1;
    const char = text[index];
    if (char === '>') index += 1;
    else if ((char === '-' || char === '*' || char === '+') && isSpaceOrTab(text[index + 1])) index += 2;
    else {
      let digits = index;
      while (digits - index < 9 && text.charCodeAt(digits) >= 0x30 && text.charCodeAt(digits) <= 0x39) digits += 1;
      if (digits === index || (text[digits] !== '.' && text[digits] !== ')') || !isSpaceOrTab(text[digits + 1])) return index;
      index = digits + 2;
    }
  }
}

/** The index after a link label's `]` (the label starting after `[` at `from`), or -1. */
function labelEnd(text: string, from: number): number {
  let index = from;
  let visible = false;
  while (index < text.length && index - from <= MAX_LABEL) {
    const char = text.charAt(index);
    if (char === '\\') {
      visible = true;
      index += 2;
      continue;
    }
    if (char === '[') return -1;
    if (char === ']') return visible ? index + 1 : -1;
    if (char === '\n') {
      if (blankLineAt(text, index + 1)) return -1;
    } else if (!isSpaceOrTab(char)) visible = true;
    index += 1;
  }
  return -1;
}

/** The index after a link destination starting at `from`, or -1. */
function destinationEnd(text: string, from: number): number {
  let index = from;
  if (text[index] === '<') {
    for (index += 1; index < text.length; index += 1) {
      const char = text[index];
      if (char === '\\') index += 1;
      else if (char === '>') return index + 1;
      else if (char === '\n' || char === '<') return -1;
    }
    return -1;
  }
  let depth = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (char <= ' ' || char === '\u007f') break;
    if (char === '(' && (depth += 1) > MAX_PAREN_DEPTH) return -1;
    if (char === ')' && (depth -= 1) < 0) break;
    index += 1;
  }
  return index === from || depth > 0 ? -1 : Math.min(index, text.length);
}

/** The index after a link title's closing delimiter (the title opening at `from`), or -1. */
function titleEnd(text: string, from: number): number {
  const open = text[from];
  const close = open === '(' ? ')' : open;
  for (let index = from + 1; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\\') index += 1;
    else if (char === close) return index + 1;
    else if (open === '(' && char === '(') return -1;
    else if (char === '\n' && blankLineAt(text, index + 1)) return -1;
  }
  return -1;
}

/**
 * The index after the link reference definition starting the line at `start` (its last line
 * break included), or -1 when the line starts none. CommonMark's grammar: `[label]:`, a
 * destination (`<…>` or bare, on the same or the next line), an optional title (`"…"`, `'…'`,
 * `(…)`, possibly over several lines) and nothing else on the last line. Footnotes (`[^1]:`) are
 * shown by GitHub and are not definitions.
 */
function definitionEnd(text: string, start: number): number {
  const open = skipContainerMarkers(text, start);
  if (text[open] !== '[' || text[open + 1] === '^') return -1;
  let index = labelEnd(text, open + 1);
  if (index < 0 || text[index] !== ':') return -1;
  index += 1;
  while (isSpaceOrTab(text[index])) index += 1;
  if (text[index] === '\n') index += 1;
  while (isSpaceOrTab(text[index])) index += 1;
  const destination = destinationEnd(text, index);
  if (destination < 0) return -1;
  const withoutTitle = restOfLineBlank(text, destination);
  let title = destination;
  while (isSpaceOrTab(text[title])) title += 1;
  if (text[title] === '\n') title += 1;
  while (isSpaceOrTab(text[title])) title += 1;
  const quote = text[title];
  if (title > destination && (quote === '"' || quote === "'" || quote === '(')) {
    const end = titleEnd(text, title);
    const line = end < 0 ? -1 : restOfLineBlank(text, end);
    if (line >= 0) return line;
  }
  return withoutTitle;
}

/**
 * Removes link reference definitions (`[//]: # (…)`, `[x]: <url> "title"`): GitHub renders none
 * of them, which makes them a place to hide text. A definition is removed wherever a line starts
 * one, also where CommonMark would read the line as part of a paragraph: removing a visible line
 * is harmless, keeping a hidden one is not. One pass over the lines; each attempt stops at the
 * next `[` (labels), the next blank line or the matching quote (titles), so the pass is linear.
 */
export function stripLinkDefinitions(text: string): StrippedDefinitions {
  const kept: string[] = [];
  let count = 0;
  let index = 0;
  while (index < text.length) {
    const end = definitionEnd(text, index);
    if (end > index) {
      count += 1;
      index = end;
      continue;
    }
    const newline = text.indexOf('\n', index);
    const next = newline < 0 ? text.length : newline + 1;
    kept.push(text.slice(index, next));
    index = next;
  }
  return { text: kept.join(''), count };
}
