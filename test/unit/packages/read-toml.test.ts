import { describe, expect, it } from 'vitest';
import { readToml } from '../../../src/packages/parsers/read-toml.ts';

describe('readToml', () => {
  it('reads every string kind, escapes included', () => {
    const text = [
      'basic = "a\\tb \\"q\\" \\u00e9 \\U0001F600"',
      "literal = 'C:\\path\\n'",
      'multi = """',
      'one',
      'two \\',
      '   three"""',
      "raw = '''",
      "x\\y'''",
      '"quoted.key" = 1',
    ].join('\n');
    const { root, problems } = readToml(text);
    expect(problems).toEqual([]);
    expect(root).toEqual({
      basic: 'a\tb "q" é 😀',
      literal: 'C:\\path\\n',
      multi: 'one\ntwo three',
      raw: 'x\\y',
      'quoted.key': 1,
    });
  });

  it('reads tables, arrays of tables, dotted keys, inline tables and multi-line arrays with comments', () => {
    const text = [
      'version = 1 # trailing comment',
      '[[package]]',
      'name = "a"',
      'source.registry = "https://pypi.org/simple"',
      'wheels = [',
      '  # a comment inside',
      '  { url = "u", size = 1_000, ok = true },',
      ']',
      '[package.extras]',
      'fast = ["x"]',
      '[[package]]',
      'name = "b"',
      'when = 1979-05-27T07:32:00Z',
    ].join('\n');
    const { root, headerLines, problems } = readToml(text);
    expect(problems).toEqual([]);
    expect(root).toEqual({
      version: 1,
      package: [
        { name: 'a', source: { registry: 'https://pypi.org/simple' }, wheels: [{ url: 'u', size: 1000, ok: true }], extras: { fast: ['x'] } },
        { name: 'b', when: '1979-05-27T07:32:00Z' },
      ],
    });
    const packages = root['package'] as Array<Record<string, unknown>>;
    expect(packages.map((table) => headerLines.get(table as never))).toEqual([2, 11]);
  });

  it('reports duplicate keys, bare-word values and trailing garbage at their line', () => {
    const { problems } = readToml('a = 1\na = 2\nb = hello\nc = "x" y\nd = 4\n');
    expect(problems).toEqual([
      { line: 2, message: 'invalid TOML: duplicate key "a"' },
      { line: 3, message: 'invalid TOML: invalid value "hello" (strings must be quoted)' },
      { line: 4, message: 'invalid TOML: expected the end of the line, found "y"' },
    ]);
  });
});
