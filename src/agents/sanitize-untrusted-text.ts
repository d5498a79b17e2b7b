import { stripHiddenMarkup } from './untrusted-text/strip-hidden-markup.ts';
import { stripLinkDefinitions } from './untrusted-text/strip-link-definitions.ts';

/** What sanitizing removed, for the run's evidence. */
export interface SanitizeRemoved {
  /** HTML comments, including one left unterminated at the end. */
  htmlComments: number;
  /** `<img>` (alt text), elements with a `hidden` attribute, `<?…>`, `<!DOCTYPE>`, `<![CDATA[`, other bogus comments. */
  hiddenMarkup: number;
  /** Link reference definitions (`[//]: # (…)`, `[x]: <url> "title"`). */
  linkDefinitions: number;
  /** Invisible code points: zero-width, format, tag, control and surplus variation selectors. */
  invisible: number;
  /** Bidirectional-override and isolate controls (Trojan Source). */
  bidi: number;
}

/** Sanitized text, whether it was cut, and what was removed. */
export interface SanitizedText {
  text: string;
  truncated: boolean;
  removed: SanitizeRemoved;
}

/** Default size cap, in UTF-16 code units (what `String.length` counts). */
export const DEFAULT_MAX_CHARS = 20_000;

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
// Zero-width and format characters, invisible fillers, tag characters (U+E0000–U+E007F), and the
// C0/C1 controls other than tab and newline (ANSI escapes, NUL, backspace tricks). U+034F, U+1160,
// U+17B4 and U+17B5 combine with their neighbour, so they sit outside the class.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u115F\u180E\u200B-\u200D\u2060-\u2065\u206A-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]|\u034F|\u1160|\u17B4|\u17B5/gu;
/**
 * Variation selectors stay only where they can mean something: one directly after a character
 * that is not itself a selector (emoji presentation `❤️`, CJK ideographic variants). A run of two
 * or more carries no meaning and is how bytes are smuggled behind an emoji, so every selector of a
 * run after the first is removed, as is one at the very start or after whitespace. The lookbehind
 * is one character wide, so the expression is linear.
 */
const SURPLUS_SELECTOR = /(?<=^|\s|[\uFE00-\uFE0F\u{E0100}-\u{E01EF}])[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/** Cuts to `maxChars` code units without splitting a surrogate pair, with a visible note. */
function capLength(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  let keep = Math.max(0, maxChars);
  const last = keep > 0 ? text.charCodeAt(keep - 1) : 0;
  if (last >= 0xd800 && last <= 0xdbff) keep -= 1;
  return { text: `${text.slice(0, keep)}\n[… truncated ${text.length - keep} characters]`, truncated: true };
}

/**
 * Makes text from an untrusted source (anything read from GitHub: issue titles and bodies, issue,
 * pull request and review comments, `/aos` instructions) safe to show a model: what a reader on
 * GitHub cannot see must not reach the model either. In order, each step one linear pass:
 * 1. CRLF and lone CR become LF.
 * 2. Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are removed.
 * 3. Invisible characters are removed: U+200B–U+200D, U+2060–U+2064, U+FEFF, U+00AD, U+180E, tag
 *    characters U+E0000–U+E007F, Hangul fillers, deprecated format characters, and C0/C1 controls
 *    except tab and newline. This also drops the zero-width joiner inside emoji sequences and the
 *    tags of subdivision flags; the planner loses nothing it needs.
 * 4. Variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) are removed except a single one right
 *    after a visible character, which keeps `❤️` intact but drops selector-encoded payloads.
 * 5. Hidden markup is removed (`stripHiddenMarkup`): HTML comments, `<img>` with its alt text,
 *    elements with a `hidden` attribute with their content, `<?…>`, `<!DOCTYPE …>`,
 *    `<![CDATA[…]]>` and other bogus comments; unterminated ones up to the end. This runs after
 *    2–4 so a zero-width character cannot hide an opener.
 * 6. Link reference definitions are removed (`stripLinkDefinitions`), after 5 so that one
 *    uncovered by removing a comment goes too.
 * 7. Runs of more than three blank lines become three.
 * 8. The result is capped at `maxChars` (default 20,000) UTF-16 code units, never inside a
 *    surrogate pair, followed by a `[… truncated N characters]` note (not counted in the cap).
 * Block delimiters are not this function's business: `neutralizeDelimiters` runs where the text
 * is put into a prompt block.
 */
export function sanitizeUntrustedText(text: string, options: { maxChars?: number } = {}): SanitizedText {
  let current = text.replace(/\r\n?/g, '\n');
  const bidi = current.match(BIDI)?.length ?? 0;
  current = current.replace(BIDI, '');
  let invisible = current.match(INVISIBLE)?.length ?? 0;
  current = current.replace(INVISIBLE, '');
  invisible += current.match(SURPLUS_SELECTOR)?.length ?? 0;
  current = current.replace(SURPLUS_SELECTOR, '');
  const markup = stripHiddenMarkup(current);
  const definitions = stripLinkDefinitions(markup.text);
  current = definitions.text.replace(/\n(?:[ \t]*\n){4,}/g, '\n\n\n\n');
  const capped = capLength(current, options.maxChars ?? DEFAULT_MAX_CHARS);
  return {
    text: capped.text,
    truncated: capped.truncated,
    removed: { htmlComments: markup.comments, invisible, bidi, hiddenMarkup: markup.hidden, linkDefinitions: definitions.count },
  };
}
