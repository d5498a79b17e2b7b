import type { TermFinder } from './create-term-finder.ts';
import { isAsciiLetter, isTagSpace, tagEnd } from './tag-phase.ts';

/**
 * The index just after the end tag that closes a hidden element whose start tag ended at `from`
 * (`name` in lower case), or the text's length: an element never closed hides the rest, as in a
 * browser. Read as HTML reads it, so a `</div>` inside a comment, a bogus comment (`<!x …>`,
 * `<?…>`) or a quoted attribute value does not close it, and same-named elements nest.
 */
export function skipHiddenElement(text: string, from: number, name: string, find: TermFinder): number {
  let depth = 1;
  let index = from;
  while (index < text.length) {
    const open = text.indexOf('<', index);
    if (open < 0) return text.length;
    index = open + 1;
    if (text.startsWith('!--', index)) {
      index += 3;
      if (text.charAt(index) === '>') index += 1;
      else if (text.startsWith('->', index)) index += 2;
      else index = find.commentEnd(index);
      continue;
    }
    const next = text.charAt(index);
    if (next === '!' || next === '?') {
      index = find.after('>', index);
      continue;
    }
    const closing = next === '/';
    const nameStart = closing ? index + 1 : index;
    if (!isAsciiLetter(text[nameStart])) {
      if (closing) index = text.charAt(nameStart) === '>' ? nameStart + 1 : find.after('>', nameStart);
      continue;
    }
    let nameEnd = nameStart;
    while (nameEnd < text.length && !isTagSpace(text[nameEnd]) && text[nameEnd] !== '/' && text[nameEnd] !== '>') nameEnd += 1;
    const same = nameEnd - nameStart === name.length && text.slice(nameStart, nameEnd).toLowerCase() === name;
    index = tagEnd(text, nameEnd);
    if (!same) continue;
    depth += closing ? -1 : 1;
    if (depth === 0) return index;
  }
  return text.length;
}
