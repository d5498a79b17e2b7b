import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../scripts/lib/parse-csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const table = parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n');
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.rows).toEqual([
      { a: '1', b: 'x, y', c: 'say "hi"' },
      { a: '2', b: 'two\nlines', c: '' },
    ]);
  });

  it('fills short rows with empty cells, skips blank lines and a BOM, and keeps a last line without newline', () => {
    const table = parseCsv('\uFEFFa,b\n\n1\n3,4');
    expect(table.rows).toEqual([
      { a: '1', b: '' },
      { a: '3', b: '4' },
    ]);
  });

  it('gives no rows for a header alone or an empty file', () => {
    expect(parseCsv('a,b\n').rows).toEqual([]);
    expect(parseCsv('')).toEqual({ header: [], rows: [] });
  });
});
