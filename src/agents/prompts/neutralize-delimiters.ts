/**
 * Every tag name the prompts use to mark a block of data. A block is only built through
 * `dataBlock`, which takes one of these names, so a new block cannot be added without its name
 * being neutralized inside every other block too.
 */
export const PROMPT_BLOCK_NAMES = [
  'issue',
  'issue-title',
  'issue-body',
  'issue-comments',
  'issue-comment',
  'instructions',
  'file',
  'diff',
  'findings',
  'tool-result',
] as const;
export type PromptBlockName = (typeof PROMPT_BLOCK_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(PROMPT_BLOCK_NAMES);
const LONGEST_NAME = Math.max(...PROMPT_BLOCK_NAMES.map((name) => name.length));
/** `<` and the look-alikes a model may read as one (full-width, small form). */
const LESS_THAN = /[<\uFF1C\uFE64]/g;
/** `/` and its look-alikes (division slash, fraction slash, full-width solidus, big solidus). */
const SLASHES: ReadonlySet<string> = new Set(['/', '\u2215', '\u2044', '\uFF0F', '\u29F8']);
/** Characters a reader or a tokenizer may skip over: invisible, format and bidi characters. */
// U+034F, U+1160, U+17B4, U+17B5 and the variation selectors combine with their neighbour, so they sit outside the class.
const INVISIBLE =
  /[\u00AD\u061C\u115F\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]|\u034F|\u1160|\u17B4|\u17B5|[\uFE00-\uFE0F]/u;
const SPACE = /\s/u;

const isNameChar = (char: string | undefined) => char !== undefined && /[A-Za-z0-9_-]/.test(char);
const isGap = (char: string | undefined) => char !== undefined && (SPACE.test(char) || INVISIBLE.test(char));

/**
 * Makes every tag named like a prompt block inert inside untrusted text, so the text cannot close
 * the block it is in (or open one) and go on as if it were the caller. A tag is matched however it
 * is spelled: any case, spaces and line breaks around the slash and before the end (`</ISSUE >`,
 * `< / issue>`), invisible characters anywhere in it (`</fi\u200Ble>`), look-alike `<` and `/`,
 * with or without attributes. Its `<` becomes `&lt;`; names that only start like a block name
 * (`<files>`, `<issue-x>`) and ordinary HTML (`<title>`, `<body>`) are left as they are.
 * One pass: the look-ahead after a `<` stops at the first character that is neither a gap nor a
 * name character, and never reads more than the longest block name, so the cost is linear.
 */
export function neutralizeDelimiters(text: string): string {
  const pieces: string[] = [];
  let copied = 0;
  for (const match of text.matchAll(LESS_THAN)) {
    const open = match.index;
    let at = open + 1;
    while (isGap(text[at])) at += 1;
    if (SLASHES.has(text.charAt(at))) {
      at += 1;
      while (isGap(text[at])) at += 1;
    }
    let name = '';
    while (at < text.length && name.length <= LONGEST_NAME) {
      const char = text.charAt(at);
      if (isNameChar(char)) name += char.toLowerCase();
      else if (!INVISIBLE.test(char)) break;
      at += 1;
    }
    if (!NAMES.has(name) || isNameChar(text[at])) continue;
    pieces.push(text.slice(copied, open), '&lt;');
    copied = open + 1;
  }
  pieces.push(text.slice(copied));
  return pieces.join('');
}
