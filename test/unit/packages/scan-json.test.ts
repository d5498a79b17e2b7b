import { describe, expect, it } from 'vitest';
import { jsonEntries, jsonMember } from '../../../src/packages/parsers/json-node.ts';
import { scanJson } from '../../../src/packages/parsers/scan-json.ts';

describe('scanJson', () => {
  it('records the line of every key, also when the same key appears in two objects', () => {
    const { root, error } = scanJson('\uFEFF{\n  "a": {"x": 1},\n  "b": {\n    "x": "\\u0041\\n"\n  }\n}\n');
    expect(error).toBeUndefined();
    expect(jsonEntries(jsonMember(root, 'a'))).toEqual([{ key: 'x', line: 2, value: { kind: 'number', line: 2, value: 1 } }]);
    expect(jsonEntries(jsonMember(root, 'b'))).toEqual([{ key: 'x', line: 4, value: { kind: 'string', line: 4, value: 'A\n' } }]);
  });

  it.each([
    ['{"a": 1,}', 1, 'invalid JSON: unexpected character "}" where a key was expected'],
    ['{\n"a": tru\n}', 2, 'invalid JSON: unexpected character "t" where a value was expected'],
    ['{"a": "x\n"}', 1, 'invalid JSON: unterminated string'],
    ['{"a": 1}\n{}', 2, 'invalid JSON: unexpected content after the end of the JSON value'],
    ['', 1, 'invalid JSON: the file ends too early where a value was expected'],
  ])('reports %j at line %i', (text, line, message) => {
    expect(scanJson(text).error).toEqual({ line, message });
  });
});
