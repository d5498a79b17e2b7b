import { describe, expect, it } from 'vitest';
import { jsonEntries, jsonMember } from '#src/packages/parsers/json-node.ts';
import { readJsonTree } from '#src/packages/parsers/read-json-tree.ts';

describe('readJsonTree', () => {
  it('records the line of every key, also when the same key appears in two objects', () => {
    const { root, error } = readJsonTree('\uFEFF{\n  "a": {"x": 1},\n  "b": {\n    "x": "\\u0041\\n"\n  }\n}\n');
    expect(error).toBeUndefined();
    expect(jsonEntries(jsonMember(root, 'a'))).toEqual([{ key: 'x', line: 2, value: { kind: 'number', line: 2, value: 1 } }]);
    expect(jsonEntries(jsonMember(root, 'b'))).toEqual([{ key: 'x', line: 4, value: { kind: 'string', line: 4, value: 'A\n' } }]);
  });

  it('keeps repeated keys, the last one winning as with JSON.parse', () => {
    const { root } = readJsonTree('{\n"a": 1,\n"a": 2\n}');
    expect(jsonEntries(root).map((entry) => entry.line)).toEqual([2, 3]);
    expect(jsonMember(root, 'a')).toEqual({ kind: 'number', line: 3, value: 2 });
  });

  it.each([
    ['{"a": 1,}', 1, 'invalid JSON: a key was expected'],
    ['{\n"a": tru\n}', 2, 'invalid JSON: unexpected characters'],
    ['{"a": "x\n"}', 1, 'invalid JSON: unterminated string'],
    ['{"a": 1}\n{}', 2, 'invalid JSON: unexpected content after the end of the JSON value'],
    ['', 1, 'invalid JSON: the file ends too early: a value was expected'],
    ['{\n"a": 1 // note\n}', 2, 'invalid JSON: comments are not allowed in JSON'],
    ['{\n"a": {\n', 3, "invalid JSON: the file ends too early: '}' was expected"],
    ['{"a": "\\q"}', 1, 'invalid JSON: invalid escape sequence'],
    ['{"a": 01}', 1, "invalid JSON: ',' was expected"],
  ])('reports %j at line %i', (text, line, message) => {
    expect(readJsonTree(text).error).toEqual({ line, message });
  });

  it('returns only what comes before the first error', () => {
    const { root } = readJsonTree('{\n  "a": "1",\n  "b" "2",\n  "c": "3"\n}\n');
    expect(jsonEntries(root).map((entry) => entry.key)).toEqual(['a']);
  });

  it('refuses nesting past the limit before parsing, at the line where it goes too deep', () => {
    const text = `{\n"a":\n${'['.repeat(300)}${']'.repeat(300)}}`;
    expect(readJsonTree(text)).toEqual({ root: undefined, error: { line: 3, message: 'invalid JSON: nested more than 256 levels deep' } });
    expect(readJsonTree(`[${'['.repeat(200)}${']'.repeat(200)}]`).error).toBeUndefined();
  });
});
