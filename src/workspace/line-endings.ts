/** A line ending a file uses. */
export type LineEnding = '\r\n' | '\n';

/** One line of a text and the ending that follows it ('' for a last line without one). */
export interface TextLine {
  text: string;
  eol: LineEnding | '';
}

/** The line ending most of the text's lines use; `\n` for a text without line breaks. */
export function detectLineEnding(text: string): LineEnding {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** The text with every line break (CRLF or LF) written as `eol`. */
export function withLineEnding(text: string, eol: LineEnding): string {
  const normalized = text.replace(/\r\n/g, '\n');
  return eol === '\n' ? normalized : normalized.replace(/\n/g, '\r\n');
}

/** The text cut into lines, each with its own ending, so that joining them gives the text back. */
export function splitTextLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ text: text.slice(start), eol: '' });
      break;
    }
    const crlf = newline > start && text[newline - 1] === '\r';
    lines.push({ text: text.slice(start, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n' });
    start = newline + 1;
  }
  return lines;
}
