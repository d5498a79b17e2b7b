/**
 * Where an HTML tokenizer is inside a tag once the tag's name has been read: HTML's attribute
 * states, reduced to what decides where the tag ends (a `>` inside a quoted value does not).
 */
export const TagPhase = {
  beforeName: 0,
  name: 1,
  afterName: 2,
  beforeValue: 3,
  doubleQuoted: 4,
  singleQuoted: 5,
  unquoted: 6,
  end: 7,
} as const;
export type TagPhase = (typeof TagPhase)[keyof typeof TagPhase];

/** A start tag being read: its phase and whether it carries a `hidden` attribute. */
export interface TagProgress {
  phase: TagPhase;
  /** Characters of `hidden` matched by the attribute name being read; -1 once it cannot match. */
  hiddenMatch: number;
  hidden: boolean;
}

const HIDDEN = 'hidden';

/** HTML's whitespace inside tags: space, tab, line feed, form feed, carriage return. */
export function isTagSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\f' || char === '\r';
}

/** True for A–Z and a–z, the only characters an HTML tag name may start with. */
export function isAsciiLetter(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0) | 0x20;
  return code >= 0x61 && code <= 0x7a;
}

/** The phase after `char`, as HTML's tokenizer moves through attribute names and values. */
export function nextTagPhase(phase: TagPhase, char: string): TagPhase {
  switch (phase) {
    case TagPhase.beforeName:
      return isTagSpace(char) || char === '/' ? TagPhase.beforeName : char === '>' ? TagPhase.end : TagPhase.name;
    case TagPhase.name:
    case TagPhase.afterName:
      if (isTagSpace(char)) return TagPhase.afterName;
      if (char === '/') return TagPhase.beforeName;
      if (char === '=') return TagPhase.beforeValue;
      return char === '>' ? TagPhase.end : TagPhase.name;
    case TagPhase.beforeValue:
      if (isTagSpace(char)) return TagPhase.beforeValue;
      if (char === '"') return TagPhase.doubleQuoted;
      if (char === "'") return TagPhase.singleQuoted;
      return char === '>' ? TagPhase.end : TagPhase.unquoted;
    case TagPhase.doubleQuoted:
      return char === '"' ? TagPhase.beforeName : TagPhase.doubleQuoted;
    case TagPhase.singleQuoted:
      return char === "'" ? TagPhase.beforeName : TagPhase.singleQuoted;
    case TagPhase.unquoted:
      return isTagSpace(char) ? TagPhase.beforeName : char === '>' ? TagPhase.end : TagPhase.unquoted;
    case TagPhase.end:
      return TagPhase.end;
  }
}

/**
 * Advances a start tag by one character and notes a `hidden` attribute (any case) as soon as its
 * name ends. A name that only ends with the text (`<div hidden` unterminated) is settled by
 * `settleTag`.
 */
export function stepTag(tag: TagProgress, char: string): void {
  const next = nextTagPhase(tag.phase, char);
  if (next === TagPhase.name) {
    const at = tag.phase === TagPhase.name ? tag.hiddenMatch : 0;
    tag.hiddenMatch = at >= 0 && at < HIDDEN.length && char.toLowerCase() === HIDDEN[at] ? at + 1 : -1;
  } else if (tag.phase === TagPhase.name) settleTag(tag);
  tag.phase = next;
}

/** Ends the attribute name being read, if any: a complete `hidden` marks the tag hidden. */
export function settleTag(tag: TagProgress): void {
  if (tag.phase === TagPhase.name && tag.hiddenMatch === HIDDEN.length) tag.hidden = true;
}

/** The index just after the `>` that ends a tag whose name ends at `from`, or the text's length. */
export function tagEnd(text: string, from: number): number {
  let phase: TagPhase = TagPhase.beforeName;
  for (let index = from; index < text.length; index += 1) {
    phase = nextTagPhase(phase, text.charAt(index));
    if (phase === TagPhase.end) return index + 1;
  }
  return text.length;
}
