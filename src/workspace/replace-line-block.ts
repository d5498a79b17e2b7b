import { ambiguousSearch, editFailed, searchNotFound, type ApplyEditResult } from './apply-edit-result.ts';
import { findLineBlock } from './find-line-block.ts';
import { splitTextLines, withLineEnding, type LineEnding } from './line-endings.ts';
import { indentationOf, reindentLines } from './reindent-lines.ts';

const LEVELS = [
  { normalize: (line: string): string => line.trimEnd(), reindent: false },
  { normalize: (line: string): string => line.trim(), reindent: true },
];

/**
 * The whitespace-tolerant fallback of a search/replace: finds the search text as a block of whole
 * lines, first ignoring trailing whitespace, then indentation too, and replaces exactly one match.
 * When only indentation differed the replacement is re-indented to where the file has the block;
 * the file's line ending is kept.
 */
export function replaceLineBlock(path: string, text: string, search: string, replace: string, eol: LineEnding): ApplyEditResult {
  const lines = splitTextLines(text);
  const texts = lines.map((line) => line.text);
  const block = blockLines(search);
  const anchor = block.findIndex((line) => line.trim() !== '');
  if (anchor === -1) return editFailed(searchNotFound(path));
  for (const { normalize, reindent } of LEVELS) {
    const starts = findLineBlock(texts, block, normalize);
    if (starts.length > 1)
      return editFailed(
        ambiguousSearch(
          path,
          starts.map((start) => start + 1),
        ),
      );
    const start = starts[0];
    if (start === undefined) continue;
    const end = start + block.length;
    let replacement = replace === '' ? [] : blockLines(replace);
    if (reindent) replacement = reindentLines(replacement, indentationOf(block[anchor] ?? ''), indentationOf(texts[start + anchor] ?? ''));
    const joined = (from: number, to: number): string =>
      lines
        .slice(from, to)
        .map((line) => line.text + line.eol)
        .join('');
    const middle = replacement.length === 0 ? '' : replacement.join(eol) + (lines[end - 1]?.eol ?? '');
    return { ok: true, content: joined(0, start) + middle + joined(end, lines.length) };
  }
  return editFailed(searchNotFound(path));
}

function blockLines(text: string): string[] {
  const lines = withLineEnding(text, '\n').split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}
