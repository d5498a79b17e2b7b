import { renderUntrustedText, type LinkableRepository } from './render-untrusted-text.ts';

/**
 * A pipe that is not already escaped gets a backslash. GitHub splits table rows on every pipe
 * not preceded by an odd number of backslashes, inside code spans too, and `\|` reads as `|`
 * in both places, so the parity is all that matters.
 */
const escapePipes = (text: string) =>
  text.replace(/(\\*)\|/g, (match, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\|` : match));

/**
 * Untrusted text made safe for one cell of a markdown table: `renderUntrustedText`, then pipes
 * escaped and line breaks written as `<br>` (aos's own tag, added after rendering). So neither a
 * stray `|`, a newline nor a `</details>` can end the cell, the row or the block around the table.
 */
export function markdownCell(text: string, repository?: LinkableRepository): string {
  return escapePipes(renderUntrustedText(text, repository)).replace(/\r\n?|\n/g, '<br>');
}

/**
 * Untrusted text shown as one code span (a path, a package name, a command word): backticks
 * and line breaks replaced so the span cannot end early, pipes escaped for tables, and the
 * content rendered too, because a stray backtick before the span can pair with its opening one.
 */
export function codeCell(text: string): string {
  return `\`${escapePipes(renderUntrustedText(text.replace(/`/g, "'").replace(/\r\n?|\n/g, ' ')))}\``;
}
