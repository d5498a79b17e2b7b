import { describe, expect, it } from 'vitest';
import { codeCell, markdownCell } from '../../../../src/app/github/markdown-cell.ts';
import { markdownText } from '../../../../src/app/github/markdown-text.ts';

describe('markdownCell', () => {
  it('keeps pipes, line breaks and closing tags from breaking a table row', () => {
    expect(markdownCell('a | b\r\nc </details>')).toBe('a &#124; b<br>c &lt;/details>');
  });

  it('escapes pipes inside code with a backslash and leaves the code otherwise alone', () => {
    expect(markdownCell('run `a || b` then <x>')).toBe('run `a \\|\\| b` then &lt;x>');
    expect(codeCell('a`b|c\nd')).toBe("`a'b\\|c d`");
  });
});

describe('markdownText', () => {
  it('neutralises mentions, closing keywords and HTML comments outside code only', () => {
    expect(markdownText('cc @alice, closes #9, mail a@b.eu <!-- x --> `@keep closes #1`')).toBe('cc `@alice`, closes `#9`, mail a@b.eu &lt;!-- x --> `@keep closes #1`');
    expect(markdownText('Fixes: octo/other#3')).toBe('Fixes: `octo/other#3`');
  });
});
