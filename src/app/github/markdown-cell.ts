import { markdownText, outsideCode } from './markdown-text.ts';

/**
 * Text made safe for one cell of a markdown table: `markdownText`, then pipes escaped, line
 * breaks turned into `<br>` (a space inside code) and `<` written as an entity outside code, so
 * neither a stray `|`, a newline nor a `</details>` can end the cell, the row or the block.
 */
export function markdownCell(text: string): string {
  const safe = outsideCode(
    markdownText(text),
    (prose) => prose.replace(/</g, '&lt;').replace(/\r?\n/g, '<br>'),
    (code) => code.replace(/\r?\n/g, ' '),
  );
  return safe.replace(/\|/g, '\\|');
}
