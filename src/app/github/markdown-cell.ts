import { markdownText, outsideCode } from './markdown-text.ts';

/**
 * Text made safe for one cell of a markdown table: `markdownText`, then, outside code, pipes and
 * `<` written as entities and line breaks as `<br>`; inside code, pipes escaped with a backslash
 * (the one form GitHub reads there) and line breaks as spaces. So neither a stray `|`, a newline
 * nor a `</details>` can end the cell, the row or the block around the table.
 */
export function markdownCell(text: string): string {
  return outsideCode(
    markdownText(text),
    (prose) => prose.replace(/\|/g, '&#124;').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>'),
    (code) => code.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|'),
  );
}

/** Text shown as code in a table cell: one code span, with backticks, pipes and line breaks made harmless. */
export function codeCell(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')}\``;
}
