import { describe, expect, it } from 'vitest';
import { compileLineMatcher } from '#src/agents/tools/compile-line-matcher.ts';
import { parseSearchPattern } from '#src/agents/tools/parse-search-pattern.ts';

const matcher = (pattern: string) => {
  const parsed = parseSearchPattern(pattern);
  if (!parsed.ok) throw new Error(`refused: ${parsed.problem}`);
  const compiled = compileLineMatcher(parsed.node);
  if (!compiled) throw new Error('too large');
  return compiled;
};

describe('search patterns run on a linear-time automaton', () => {
  // Each pattern is checked against JavaScript's own engine on lines where backtracking is harmless.
  const cases: Array<[string, string[]]> = [
    ['a - b', ['return a - b;', 'return a + b;', 'a -b']],
    ['^export\\s+function\\s+\\w+\\(', ['export function add(a) {', '  export function x(', 'export const f = () =>']],
    ['colou?r', ['color', 'colour', 'colouur']],
    ['(?:foo|ba[rz])+!$', ['foobarbaz!', 'foo!x', 'qux!', 'bar!']],
    ['\\bid\\b', ['const id = 1', 'const idx = 1', 'width']],
    ['[^a-z0-9 ]{2,3}', ['abc ==> def', 'abc => def', 'a1 b2']],
    ['x{2}y{1,}z?', ['xxyyy', 'xyz', 'axxyz']],
    ['\\d+\\.\\d*', ['v1.', 'version 12.34', 'no digits.']],
    ['a.c', ['abc', 'a\u00e9c', 'ac']],
    ['\\$\\{[A-Z_]+\\}', ['echo ${HOME_DIR}', 'echo $HOME', '${lower}']],
  ];
  for (const [pattern, lines] of cases) {
    it(`agrees with RegExp on /${pattern}/`, () => {
      const compiled = matcher(pattern);
      const reference = new RegExp(pattern);
      for (const line of lines) {
        const expected = reference.exec(line);
        const got = compiled.match(line);
        expect(got.index >= 0, `${pattern} on ${JSON.stringify(line)}`).toBe(expected !== null);
        if (expected) expect(got.index).toBe(expected.index);
      }
    });
  }

  it('finishes on patterns that make a backtracking engine take exponential time, in steps bounded by line length × states', () => {
    const line = `${'a'.repeat(5_000)}!`;
    // Where the first match starts; -1: none. `(a|a)*$` matches the empty string at the end.
    const expected: Record<string, number> = {
      '(a+)+$': -1,
      '(a+)+!$': 0,
      '(a|a)*$': 5_001,
      '(a*)*b': -1,
      '(?:a|aa)+$': -1,
      '(.*a){20}$': -1,
    };
    for (const [pattern, index] of Object.entries(expected)) {
      const compiled = matcher(pattern);
      const result = compiled.match(line);
      expect(result.index, pattern).toBe(index);
      expect(result.steps, pattern).toBeLessThanOrEqual((line.length + 1) * compiled.size * 2);
    }
  });

  it('gives up once its step budget is spent, saying so', () => {
    const compiled = matcher('(a|b|c)*z');
    const result = compiled.match('abc'.repeat(10_000), 1_000);
    expect(result).toMatchObject({ index: -1, exhausted: true });
    expect(result.steps).toBeLessThan(1_000 + compiled.size * 2);
  });

  it('refuses what is not regular, and says why', () => {
    const problems = Object.fromEntries(
      ['(a)\\1', '(?=a)b', '(?<!a)b', '(?i)abc', '\\k<name>', 'a{2000}', '(ab', 'a)', '*a', 'x{3,1}', '\\q'].map((pattern) => {
        const parsed = parseSearchPattern(pattern);
        return [pattern, parsed.ok ? 'accepted' : parsed.problem];
      }),
    );
    expect(problems).toEqual({
      '(a)\\1': 'uses a backreference, which no linear-time matcher can run',
      '(?=a)b': 'uses a lookaround, a named group or inline flags: only (?: ) groups are supported',
      '(?<!a)b': 'uses a lookaround, a named group or inline flags: only (?: ) groups are supported',
      '(?i)abc': 'uses a lookaround, a named group or inline flags: only (?: ) groups are supported',
      '\\k<name>': 'uses a backreference, which no linear-time matcher can run',
      'a{2000}': 'repeats more than 1000 times',
      '(ab': 'has an unclosed group',
      'a)': 'has an unmatched ")"',
      '*a': 'has "*" with nothing to repeat',
      'x{3,1}': 'has a repeat {3,1} whose bounds are out of order',
      '\\q': 'uses the escape \\q, which is not supported',
    });
  });

  it('refuses a pattern whose expanded repeats would make the automaton too large', () => {
    const parsed = parseSearchPattern('(?:(?:a{1000}){1000})');
    expect(parsed.ok).toBe(true);
    expect(compileLineMatcher((parsed as { ok: true; node: Parameters<typeof compileLineMatcher>[0] }).node)).toBeNull();
  });
});
