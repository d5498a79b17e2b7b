import { describe, expect, it } from 'vitest';
import { parsePackageJson } from '#src/packages/parsers/parse-package-json.ts';
import { parsePackageLock } from '#src/packages/parsers/parse-package-lock.ts';
import { parsePnpmLock } from '#src/packages/parsers/parse-pnpm-lock.ts';
import { parsePoetryLock } from '#src/packages/parsers/parse-poetry-lock.ts';
import { parseRequirements } from '#src/packages/parsers/parse-requirements.ts';
import { parseUvLock } from '#src/packages/parsers/parse-uv-lock.ts';
import { parseYarnLock } from '#src/packages/parsers/parse-yarn-lock.ts';
import { readYamlDocuments } from '#src/packages/parsers/read-yaml-documents.ts';
import type { ParseResult } from '#src/packages/types.ts';
import { readFixture } from './read-fixture.ts';

const firstLines = (text: string, count: number): string => `${text.split('\n').slice(0, count).join('\n')}\n`;
const summary = (result: ParseResult): string[] =>
  result.dependencies.map((dependency) => `${dependency.name}@${dependency.version}:${dependency.line}`);
const problemLines = (result: ParseResult): number[] => result.problems.map((problem) => problem.line);

describe('malformed dependency files', () => {
  it('truncated package-lock.json: a problem at the end, and the complete entries before it', () => {
    const result = parsePackageLock(firstLines(readFixture('package-lock-v3/package-lock.json'), 39), 'package-lock.json');
    expect(result.problems).toEqual([
      { file: 'package-lock.json', line: 40, message: 'invalid JSON: the file ends too early: a key was expected' },
    ]);
    expect(summary(result)).toEqual(['@babel/core@7.24.5:22', 'semver@6.3.1:27', '@fixture/utils@:32', 'from-git@1.0.0:36']);
  });

  it('package.json with a syntax error mid-file', () => {
    const text = '{\n  "dependencies": {\n    "a": "^1.0.0",\n    "b" "^2.0.0"\n  }\n}\n';
    const result = parsePackageJson(text, 'package.json');
    expect(result.problems).toEqual([{ file: 'package.json', line: 4, message: "invalid JSON: ':' was expected" }]);
    expect(summary(result)).toEqual(['a@^1.0.0:3']);
  });

  it('a JSON document that is not an object', () => {
    expect(parsePackageLock('[1, 2]\n', 'package-lock.json').problems).toEqual([
      { file: 'package-lock.json', line: 1, message: 'a package lock must contain a JSON object' },
    ]);
  });

  it('broken YAML in pnpm-lock.yaml: a problem with its line, entries still read', () => {
    const text =
      "lockfileVersion: '9.0'\n\npackages:\n\n  a@1.0.0:\n    resolution: {integrity: sha512-x\n\n  b@2.0.0:\n    resolution: {integrity: sha512-y}\n";
    const result = parsePnpmLock(text, 'pnpm-lock.yaml');
    expect(problemLines(result)).toEqual([8]);
    expect(result.problems[0]?.message).toMatch(/^invalid YAML: Flow map/);
    expect(summary(result)).toEqual(['a@1.0.0:5', 'b@2.0.0:8']);
  });

  it('a YAML alias to a missing anchor is a problem at its line, not a crash, and its document is not read', () => {
    const result = parsePnpmLock(
      "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: *nope\n  b@2.0.0:\n    resolution: {integrity: x}\n",
      'pnpm-lock.yaml',
    );
    expect(result.problems).toEqual([
      { file: 'pnpm-lock.yaml', line: 3, message: 'invalid YAML: Unresolved alias (the anchor must be set before the alias): nope' },
    ]);
    expect(summary(result)).toEqual([]);
  });

  it('builds each YAML anchor once: entries aliasing it share one value instead of a copy each', () => {
    const aliases = Array.from({ length: 50 }, (_, index) => `  e${index}: *big`).join('\n');
    const { documents, problems } = readYamlDocuments(`big: &big\n  resolution: {integrity: x}\npackages:\n${aliases}\n`, 'pnpm-lock.yaml');
    expect(problems).toEqual([]);
    const values = documents[0]?.entries(['packages']).map((entry) => entry.value) ?? [];
    expect(values).toHaveLength(50);
    expect(new Set(values).size).toBe(1);
  });

  it('broken YAML in a yarn berry lockfile', () => {
    const text =
      '__metadata:\n  version: 8\n\n"a@npm:1":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n\n"b@npm:2":\n version: 2\n   resolution: x\n';
    const result = parseYarnLock(text, 'yarn.lock');
    expect(problemLines(result)).toEqual([9, 9, 8]);
    expect(summary(result)).toEqual(['a@1.0.0:4']);
  });

  it('garbage in a yarn 1 lockfile', () => {
    const text = '# yarn lockfile v1\n\na@^1:\n  version "1.0.0"\n\ngarbage here\n  version "2"\nb@^2:\n  version "2.0.0"\nc@^3:\n';
    const result = parseYarnLock(text, 'yarn.lock');
    expect(result.problems).toEqual([
      { file: 'yarn.lock', line: 6, message: 'expected an entry header such as "name@range:", found "garbage here"' },
      { file: 'yarn.lock', line: 10, message: 'entry "c@^3" has no version' },
    ]);
    expect(summary(result)).toEqual(['a@1.0.0:3', 'b@2.0.0:8', 'c@:10']);
  });

  it('a garbage line in requirements.txt', () => {
    const result = parseRequirements('flask==3.0.0\n%%% garbage %%%\nrequests\n', 'requirements.txt');
    expect(problemLines(result)).toEqual([2]);
    expect(summary(result)).toEqual(['flask@3.0.0:1', 'requests@:3']);
  });

  it('bad TOML in poetry.lock: the first error at its line, and nothing read from a file that is not TOML', () => {
    const text =
      '[[package]]\nname = "a"\nversion = "1.0\n\n[[package]]\nname = "b"\nversion = "2.0"\n\n[[package]\nname = "c"\n\n[[package]]\nname = "d"\nversion = "4.0"\n';
    const result = parsePoetryLock(text, 'poetry.lock');
    expect(result.problems).toEqual([
      { file: 'poetry.lock', line: 3, message: 'invalid TOML: control characters are not allowed in strings (column 15)' },
    ]);
    expect(summary(result)).toEqual([]);
  });

  it('bad TOML in uv.lock: an unclosed inline table', () => {
    const text =
      'version = 1\n[[package]]\nname = "a"\nversion = "1.0"\nsource = { registry = "https://pypi.org/simple"\n\n[[package]]\nname = "b"\nversion = "2.0"\nwheels = [\n';
    const result = parseUvLock(text, 'uv.lock');
    // TOML 1.1 lets an inline table span lines, so the error is where it can no longer go on.
    expect(result.problems).toEqual([{ file: 'uv.lock', line: 7, message: 'invalid TOML: expected comma or end of structure (column 1)' }]);
    expect(summary(result)).toEqual([]);
  });

  it('never throws on arbitrary bytes', () => {
    const junk = '\u0000{[\'"\\\n]]}:::\n  - @@@\n[[x]]\n=\n"\\u12"';
    for (const parse of [
      parsePackageJson,
      parsePackageLock,
      parseYarnLock,
      parsePnpmLock,
      parseRequirements,
      parsePoetryLock,
      parseUvLock,
    ]) {
      const result = parse(junk, 'file');
      expect(result.problems.length).toBeGreaterThan(0);
      for (const problem of result.problems) expect(problem.line).toBeGreaterThanOrEqual(1);
    }
  });
});
