import { describe, expect, it } from 'vitest';
import { applyEdit } from '#src/workspace/apply-edit.ts';

const FILE = ['function add(a, b) {', '  return a + b;', '}', '', 'function sub(a, b) {', '  return a - b;', '}', ''].join('\n');

function replace(text: string, search: string, replacement: string): ReturnType<typeof applyEdit> {
  return applyEdit(text, { kind: 'replace', path: 'src/math.js', search, replace: replacement });
}

describe('applyEdit', () => {
  it('replaces an exact match', () => {
    expect(replace(FILE, '  return a - b;', '  return b - a;')).toEqual({ ok: true, content: FILE.replace('a - b', 'b - a') });
  });

  it('says when the search text is not found', () => {
    const result = replace(FILE, 'return a * b;', 'x');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^the search text was not found in "src\/math.js"/);
  });

  it('says how many times and where an ambiguous search text matches', () => {
    const result = replace(FILE, '(a, b) {', '(x, y) {');
    expect(!result.ok && result.reason).toContain('matches 2 times in "src/math.js" (at lines 1, 5)');
  });

  it('refuses an ambiguous whole-line match too', () => {
    const result = replace(FILE, '    }', '  };');
    expect(!result.ok && result.reason).toContain('matches 2 times');
  });

  it('tolerates different indentation and re-indents the replacement to the file', () => {
    const file = ['class A {', '    run() {', '        step();', '        done();', '    }', '}', ''].join('\n');
    const result = replace(file, 'step();\ndone();\n', 'if (ready) {\n  step();\n}\ndone();\n');
    expect(result).toEqual({
      ok: true,
      content: [
        'class A {',
        '    run() {',
        '        if (ready) {',
        '          step();',
        '        }',
        '        done();',
        '    }',
        '}',
        '',
      ].join('\n'),
    });
  });

  it('shifts a block given with too much indentation back to the file', () => {
    const file = 'def f():\n  x = 1\n  return x\n';
    expect(replace(file, '        x = 1\n        return x', '        x = 2\n        if x:\n            return x')).toEqual({
      ok: true,
      content: 'def f():\n  x = 2\n  if x:\n      return x\n',
    });
  });

  it('tolerates trailing whitespace differences', () => {
    const file = 'a = 1   \nb = 2\t\nc = 3\n';
    expect(replace(file, 'a = 1\nb = 2\n', 'a = 10\nb = 20\n')).toEqual({ ok: true, content: 'a = 10\nb = 20\nc = 3\n' });
  });

  it('matches an LF search in a CRLF file and keeps CRLF', () => {
    const file = 'one\r\ntwo\r\nthree\r\n';
    expect(replace(file, 'two\nthree', 'TWO\nTHREE\nFOUR')).toEqual({ ok: true, content: 'one\r\nTWO\r\nTHREE\r\nFOUR\r\n' });
  });

  it('matches a CRLF search with different indentation in a CRLF file', () => {
    const file = 'if (x) {\r\n\tgo();\r\n}\r\n';
    expect(replace(file, '    go();\r\n', '    stop();\r\n    go();\r\n')).toEqual({
      ok: true,
      content: 'if (x) {\r\n\tstop();\r\n\tgo();\r\n}\r\n',
    });
  });

  it('writes an LF replacement into an LF file unchanged, even from CRLF input', () => {
    expect(replace('a\nb\n', 'a\n', 'x\r\ny\r\n')).toEqual({ ok: true, content: 'x\ny\nb\n' });
  });

  it('removes whole lines when the replacement is empty', () => {
    expect(replace('keep\n  drop me  \nkeep too\n', 'drop me', '')).toEqual({ ok: true, content: 'keep\n    \nkeep too\n' });
    expect(replace('keep\n  drop me\nkeep too\n', '    drop me\n', '')).toEqual({ ok: true, content: 'keep\nkeep too\n' });
  });

  it('refuses an empty search text', () => {
    expect(replace(FILE, '', 'x').ok).toBe(false);
  });

  it('creates a missing file and refuses to create an existing one', () => {
    expect(applyEdit(null, { kind: 'create', path: 'a.ts', content: 'x\n' })).toEqual({ ok: true, content: 'x\n' });
    const result = applyEdit('old', { kind: 'create', path: 'a.ts', content: 'x\n' });
    expect(!result.ok && result.reason).toBe('"a.ts" already exists; use a replace edit to change it');
  });

  it('deletes an existing file and refuses to delete a missing one', () => {
    expect(applyEdit('old', { kind: 'delete', path: 'a.ts' })).toEqual({ ok: true, content: null });
    const result = applyEdit(null, { kind: 'delete', path: 'a.ts' });
    expect(!result.ok && result.reason).toBe('"a.ts" does not exist, so it cannot be deleted');
  });

  it('refuses to replace in a missing file', () => {
    const result = applyEdit(null, { kind: 'replace', path: 'a.ts', search: 'x', replace: 'y' });
    expect(!result.ok && result.reason).toContain('use a create edit');
  });
});
