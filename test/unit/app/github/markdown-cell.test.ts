import { describe, expect, it } from 'vitest';
import { codeCell, markdownCell } from '#src/app/github/markdown-cell.ts';

const Z = '\u200B';

describe('markdownCell', () => {
  it('keeps pipes, line breaks and closing tags from breaking a table row', () => {
    expect(markdownCell('a | b\r\nc </details>')).toBe(`a \\| b<br>c <${Z}/details>`);
  });

  it('escapes every pipe GitHub would split on, inside code spans too, whatever backslashes precede it', () => {
    expect(markdownCell('run `a || b`')).toBe('run `a \\|\\| b`');
    // `\\|` is an escaped backslash and then a live pipe; `\|` is already escaped.
    expect(markdownCell('x \\\\| y \\| z')).toBe('x \\\\\\| y \\| z');
  });

  it('renders the text inert before it goes into the cell', () => {
    expect(markdownCell('cc @alice, fixes #9 ![i](https://a.example/?d=1)')).toBe(
      `cc @${Z}alice, f${Z}ixes #${Z}9 !${Z}[i]${Z}(https:${Z}//a.example/?d=1)`,
    );
  });
});

describe('codeCell', () => {
  it('makes one code span that backticks, pipes and line breaks cannot end, with inert content', () => {
    expect(codeCell('a`b|c\nd')).toBe("`a'b\\|c d`");
    expect(codeCell('@scope/pkg@1.0.0')).toBe(`\`@${Z}scope/pkg@${Z}1.0.0\``);
  });
});
