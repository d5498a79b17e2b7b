import { describe, expect, it } from 'vitest';
import { readableBlobRecord } from '#src/workspace/readable-blob-record.ts';

const file = { type: 'blob', mode: '100644', oid: 'a1' };
const records = new Map([
  ['src/a.ts', file],
  ['link', { type: 'blob', mode: '120000', oid: 'b2' }],
  ['vendor/lib', { type: 'commit', mode: '160000', oid: 'c3' }],
  ['.env', { type: 'blob', mode: '100644', oid: 'd4' }],
  ['conf/prod.keys', { type: 'blob', mode: '100644', oid: 'e5' }],
]);

describe('readableBlobRecord', () => {
  it('gives the record of a listed regular file', () => {
    expect(readableBlobRecord(records, 'src/a.ts', [])).toBe(file);
  });

  it('gives null for a path the tree does not list, a symlink or a submodule', () => {
    expect(readableBlobRecord(records, 'src/missing.ts', [])).toBeNull();
    expect(readableBlobRecord(records, 'link', [])).toBeNull();
    expect(readableBlobRecord(records, 'vendor/lib', [])).toBeNull();
  });

  it("refuses a secret file, by the defaults or the repository's own globs", () => {
    expect(() => readableBlobRecord(records, '.env', [])).toThrow(expect.objectContaining({ code: 'secret_file' }));
    expect(readableBlobRecord(records, 'conf/prod.keys', [])).not.toBeNull();
    expect(() => readableBlobRecord(records, 'conf/prod.keys', ['*.keys'])).toThrow(expect.objectContaining({ code: 'secret_file' }));
  });
});
