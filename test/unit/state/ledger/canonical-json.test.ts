import { describe, expect, it } from 'vitest';
import { canonicalJson, hashCanonical } from '#src/state/ledger/canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops insignificant whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: 'ü' } })).toBe('{"a":{"c":"ü","d":[3,{"x":2,"y":1}]},"b":1}');
  });

  it('gives equal values equal hashes regardless of key order', () => {
    expect(hashCanonical({ a: 1, b: [1, 2] })).toBe(hashCanonical({ b: [1, 2], a: 1 }));
    expect(hashCanonical({ a: 1 })).not.toBe(hashCanonical({ a: 2 }));
  });

  it('omits undefined properties and writes undefined array items as null, like JSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('refuses values JSON would silently change, naming where they are', () => {
    expect(() => canonicalJson({ cost: { eur: Number.POSITIVE_INFINITY } })).toThrow('$.cost.eur');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('a function has no JSON form');
    expect(() => canonicalJson({ n: 10n })).toThrow('$.n');
  });

  it('writes dates as ISO strings', () => {
    expect(canonicalJson({ at: new Date('2026-11-22T00:00:00Z') })).toBe('{"at":"2026-11-22T00:00:00.000Z"}');
  });
});
