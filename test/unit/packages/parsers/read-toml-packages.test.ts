import { describe, expect, it } from 'vitest';
import { parsePoetryLock } from '#src/packages/parsers/parse-poetry-lock.ts';
import { parseUvLock } from '#src/packages/parsers/parse-uv-lock.ts';
import type { ParseResult } from '#src/packages/types.ts';

const at = (lines: string[], text: string): number => lines.indexOf(text) + 1;
const summary = (result: ParseResult): string[] => result.dependencies.map((d) => `${d.name}@${d.version}:${d.line}`);
const METADATA = ['[metadata]', 'lock-version = "2.0"', 'content-hash = "x"'];

describe('Python lockfiles read with a TOML library', () => {
  it('places each [[package]] at its own header line, whatever its spacing or quoting, and never at a look-alike inside a string', () => {
    const lines = [
      '# generated',
      '[[package]]',
      'name = "a"',
      'version = "1.0"',
      'description = """',
      '[[package]]',
      'name = "fake"',
      '"""',
      '',
      '[[ package ]]  # spaced',
      'name = "b"',
      'version = "2.0"',
      'notes = [',
      '  "x",',
      "  '''",
      '[[package]]',
      "''',",
      ']',
      '',
      '[["package"]]',
      'name = "c"',
      'version = "3.0"',
      '',
      '[package.source]',
      'type = "git"',
      'url = "https://git.example/c.git"',
      '',
      ...METADATA,
    ];
    const result = parsePoetryLock(lines.join('\n'), 'poetry.lock');
    expect(result.problems).toEqual([]);
    expect(summary(result)).toEqual([
      `a@1.0:${at(lines, '[[package]]')}`,
      `b@2.0:${at(lines, '[[ package ]]  # spaced')}`,
      `c@3.0:${at(lines, '[["package"]]')}`,
    ]);
    expect(result.dependencies[2]).toMatchObject({ source: 'git', resolved: 'https://git.example/c.git' });
  });

  it('reports TOML the spec forbids (a table defined twice) at its line instead of merging it', () => {
    const text = [
      '[[package]]',
      'name = "a"',
      'version = "1.0"',
      '[package.source]',
      'type = "git"',
      '[package.source]',
      'url = "https://attacker.example/x.git"',
      ...METADATA,
    ].join('\n');
    const result = parsePoetryLock(text, 'poetry.lock');
    expect(result.problems).toEqual([{ file: 'poetry.lock', line: 6, message: expect.stringMatching(/^invalid TOML: .*redefine/) }]);
    expect(result.dependencies).toEqual([]);
  });

  it('reports an invalid date at its line and column', () => {
    const result = parseUvLock('version = 1\n[[package]]\nname = "a"\nversion = 2024-13-45\n', 'uv.lock');
    expect(result.problems).toEqual([{ file: 'uv.lock', line: 4, message: 'invalid TOML: invalid date (column 11)' }]);
  });

  it('reports values of the wrong type at the package that holds them, never as a versionless or registry package', () => {
    const lines = [
      'version = 1',
      '[[package]]',
      'name = "a"',
      'version = 1',
      '[[package]]',
      'name = 2',
      'version = "2.0"',
      '[[package]]',
      'name = "c"',
      'version = "3.0"',
      'source = { git = 1 }',
      '[[package]]',
      'name = "d"',
      'version = "4.0"',
      'source = "https://pypi.org/simple"',
      '[[package]]',
      'name = "e"',
      'version = "5.0"',
      'source = { registry = "https://pypi.org/simple" }',
    ];
    const result = parseUvLock(lines.join('\n'), 'uv.lock');
    expect(result.problems).toEqual([
      { file: 'uv.lock', line: 2, message: '"version" of package "a" must be a string, not a number' },
      { file: 'uv.lock', line: 5, message: '"name" of this [[package]] must be a string, not a number' },
      { file: 'uv.lock', line: 8, message: '"source.git" of package "c" must be a string, not a number' },
      { file: 'uv.lock', line: 12, message: '"source" of package "d" must be a table, not a string' },
    ]);
    expect(summary(result)).toEqual(['e@5.0:16']);
  });

  it('reports a poetry source of the wrong type', () => {
    const text = ['[[package]]', 'name = "a"', 'version = "1.0"', 'source = "git"', ...METADATA].join('\n');
    expect(parsePoetryLock(text, 'poetry.lock').problems).toEqual([
      { file: 'poetry.lock', line: 1, message: '"source" of package "a" must be a table, not a string' },
    ]);
  });

  it('reports "package" that is not an array of tables at the line that defines it', () => {
    expect(parseUvLock('version = 1\n\n[package]\nname = "a"\nversion = "1.0"\n', 'uv.lock').problems).toEqual([
      { file: 'uv.lock', line: 3, message: '"package" must be an array of tables ([[package]]), not a table' },
    ]);
    expect(parseUvLock('version = 1\npackage = "a"\n', 'uv.lock').problems).toEqual([
      { file: 'uv.lock', line: 2, message: '"package" must be an array of tables ([[package]]), not a string' },
    ]);
  });

  it('reports an empty file, and a TOML file that is not the lockfile its name says', () => {
    expect(parseUvLock(' \n\n', 'uv.lock').problems).toEqual([{ file: 'uv.lock', line: 1, message: 'the file is empty' }]);
    expect(parsePoetryLock('', 'poetry.lock').problems).toEqual([{ file: 'poetry.lock', line: 1, message: 'the file is empty' }]);
    expect(parseUvLock('name = "x"\n', 'uv.lock').problems).toEqual([
      { file: 'uv.lock', line: 1, message: 'not a uv.lock: it has no integer "version"' },
    ]);
    expect(parsePoetryLock('[[package]]\nname = "a"\nversion = "1.0"\n', 'poetry.lock').problems).toEqual([
      { file: 'poetry.lock', line: 1, message: 'not a poetry.lock: it has no [metadata] table' },
    ]);
  });

  it('refuses nesting past a limit as a problem, not a crash', () => {
    const result = parseUvLock(`version = 1\nx = ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'uv.lock');
    expect(result.problems).toEqual([{ file: 'uv.lock', line: 2, message: expect.stringMatching(/^invalid TOML: .*nested/) }]);
  });

  it('reads a lockfile of 20,000 packages with every header line right', () => {
    const count = 20_000;
    const blocks = Array.from(
      { length: count },
      (_, i) =>
        `[[package]]\nname = "p${i}"\nversion = "1.${i}"\nsource = { registry = "https://pypi.org/simple" }\nwheels = [\n  { url = "u", hash = "h" },\n]\n`,
    );
    const result = parseUvLock(`version = 1\n${blocks.join('\n')}`, 'uv.lock');
    expect(result.problems).toEqual([]);
    expect(result.dependencies).toHaveLength(count);
    expect(result.dependencies[count - 1]).toMatchObject({ name: `p${count - 1}`, line: 2 + (count - 1) * 8 });
  }, 60_000);
});
