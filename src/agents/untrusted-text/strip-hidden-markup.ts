import { createTermFinder } from './create-term-finder.ts';
import { skipHiddenElement } from './skip-hidden-element.ts';
import { isAsciiLetter, isTagSpace, settleTag, stepTag, TagPhase, type TagProgress } from './tag-phase.ts';

/** What `stripHiddenMarkup` kept and how much of each kind it removed. */
export interface StrippedMarkup {
  text: string;
  /** HTML comments. */
  comments: number;
  /** `<img>`, elements with a `hidden` attribute, `<?…>`, `<!…>` (DOCTYPE, CDATA) and other bogus comments. */
  hidden: number;
}

/** What the `<` most recently kept may still turn into. */
const Opener = { none: 0, lessThan: 1, slash: 2, bang: 3, bangDash: 4, tagName: 5 } as const;
type Opener = (typeof Opener)[keyof typeof Opener];

/** A start tag being read: where its `<` was kept, its lower-case name, and its progress. */
interface OpenTag extends TagProgress {
  start: number;
  name: string;
}

/** The scanner's state; a copy is kept for every `<` so that removing what it opened can go back. */
interface ScanState {
  opener: Opener;
  /** Index in `kept` of the opener's `<` (every `<` is a piece of its own). */
  at: number;
  tag: OpenTag | null;
}

const IMAGE_TAGS: ReadonlySet<string> = new Set(['img', 'image']);
// Elements without content: a hidden one hides only itself.
const VOID_TAGS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/**
 * Removes the markup a GitHub reader never sees, in one left-to-right pass: HTML comments
 * (`<!-->` and `<!--->` are complete, empty ones), `<?…>`, `<!…>` (`<!DOCTYPE>`, `<![CDATA[…]]>`
 * and every other bogus comment; `</ …>` and `</>` too), `<img>` and `<image>` with their alt
 * text, and every element with a `hidden` attribute together with its content (up to its matching
 * end tag, or to the end of the text: so do browsers). Anything unterminated runs to the end.
 *
 * Removals are checked against the text already kept, so a construct that only forms once an inner
 * one is removed (`<im<!-- -->g alt="…">`, `<!-<!-- x -->- y -->`) is removed too: the result holds
 * nothing this function would remove again. The kept text is a list of pieces: runs without `<`
 * are copied in one piece, and every `<` is a piece of its own that records the scanner state
 * before it. A removal truncates the list back to its opener's piece and resumes from that record,
 * and every terminator search goes through one forward-only finder, so the whole pass is linear.
 *
 * Other tags are kept as they are, attributes included.
 */
export function stripHiddenMarkup(text: string): StrippedMarkup {
  const kept: string[] = [];
  // The state before each kept `<`, as parallel stacks (one entry per `<`, so no object for most).
  const savedAt: number[] = [];
  const savedOpener: Opener[] = [];
  const savedOpenerAt: number[] = [];
  const savedTag: Array<OpenTag | null> = [];
  const find = createTermFinder(text);
  let state: ScanState = { opener: Opener.none, at: -1, tag: null };
  let comments = 0;
  let hidden = 0;
  let index = 0;

  /** Drops the kept text from the `<` at `at` on, and resumes with the state from before it. */
  const cutTo = (at: number) => {
    // Records above `at` belong to `<` inside what is being removed; the one at `at` is the opener's.
    let top = savedAt.length - 1;
    while (top >= 0 && savedAt[top]! > at) top -= 1;
    state =
      top >= 0 ? { opener: savedOpener[top]!, at: savedOpenerAt[top]!, tag: savedTag[top]! } : { opener: Opener.none, at: -1, tag: null };
    const keep = Math.max(top, 0);
    savedAt.length = keep;
    savedOpener.length = keep;
    savedOpenerAt.length = keep;
    savedTag.length = keep;
    kept.length = at;
  };
  const bogus = (last: string) => {
    hidden += 1;
    cutTo(state.at);
    if (last !== '>') index = find.after('>', index);
  };
  const comment = () => {
    comments += 1;
    cutTo(state.at);
    if (text.charAt(index) === '>') index += 1;
    else if (text.startsWith('->', index)) index += 2;
    else index = find.commentEnd(index);
  };
  const closeTag = (tag: OpenTag) => {
    if (IMAGE_TAGS.has(tag.name) || tag.hidden) {
      hidden += 1;
      cutTo(tag.start);
      if (tag.hidden && !IMAGE_TAGS.has(tag.name) && !VOID_TAGS.has(tag.name)) index = skipHiddenElement(text, index, tag.name, find);
      return;
    }
    state = { opener: Opener.none, at: -1, tag: null };
  };

  while (index < text.length) {
    if (state.opener === Opener.none && state.tag === null) {
      const next = text.indexOf('<', index);
      const stop = next < 0 ? text.length : next;
      if (stop > index) {
        kept.push(text.slice(index, stop));
        index = stop;
        continue;
      }
    }
    const char = text.charAt(index);
    index += 1;
    kept.push(char);
    if (char === '<') {
      savedAt.push(kept.length - 1);
      savedOpener.push(state.opener);
      savedOpenerAt.push(state.at);
      savedTag.push(state.tag ? { ...state.tag } : null);
      state.opener = Opener.lessThan;
      state.at = kept.length - 1;
      if (state.tag) stepTag(state.tag, char);
      continue;
    }
    // Inside a tag only a comment is recognised; the rest is attribute text.
    const inTag = state.tag !== null;
    switch (state.opener) {
      case Opener.lessThan:
        if (char === '!') state.opener = Opener.bang;
        else if (inTag) state.opener = Opener.none;
        else if (char === '?') {
          bogus(char);
          continue;
        } else if (char === '/') state.opener = Opener.slash;
        else state.opener = isAsciiLetter(char) ? Opener.tagName : Opener.none;
        break;
      case Opener.bang:
        if (char === '-') state.opener = Opener.bangDash;
        else if (inTag) state.opener = Opener.none;
        else {
          bogus(char);
          continue;
        }
        break;
      case Opener.bangDash:
        if (char === '-') {
          comment();
          continue;
        }
        if (inTag) state.opener = Opener.none;
        else {
          bogus(char);
          continue;
        }
        break;
      case Opener.slash:
        // `</name` is an end tag and stays; `</>`, `</ x>`, `</3>` are bogus comments.
        if (isAsciiLetter(char)) state.opener = Opener.none;
        else {
          bogus(char);
          continue;
        }
        break;
      case Opener.tagName:
        if (isTagSpace(char) || char === '/' || char === '>') {
          const tag: OpenTag = {
            start: state.at,
            name: kept
              .slice(state.at + 1, kept.length - 1)
              .join('')
              .toLowerCase(),
            phase: TagPhase.beforeName,
            hiddenMatch: -1,
            hidden: false,
          };
          state = { opener: Opener.none, at: -1, tag };
          if (char === '>') closeTag(tag);
        }
        continue;
    }
    if (state.tag) {
      stepTag(state.tag, char);
      if (state.tag.phase === TagPhase.end) closeTag(state.tag);
    }
  }

  // At the end: an unterminated image or hidden tag goes, and so does a dangling `<!`, `<!-` or `</`.
  for (;;) {
    const tag = state.tag;
    if (tag) {
      settleTag(tag);
      if (!IMAGE_TAGS.has(tag.name) && !tag.hidden) break;
      hidden += 1;
      cutTo(tag.start);
    } else if (state.opener === Opener.bang || state.opener === Opener.bangDash || state.opener === Opener.slash) {
      hidden += 1;
      cutTo(state.at);
    } else break;
  }
  return { text: kept.join(''), comments, hidden };
}
