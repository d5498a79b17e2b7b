import { describe, expect, it } from 'vitest';
import { requestIdFrom } from '#src/observability/request-id.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it("keeps a proxy's sane id", () => {
    for (const sane of ['a', 'req-1', 'Root-1-5f84c3a3:abc_def.9', 'x'.repeat(128)]) expect(requestIdFrom(sane)).toBe(sane);
    expect(requestIdFrom(['first-of-two', 'second'])).toBe('first-of-two');
  });

  it('makes a new id for a missing, empty, too long or unsafe one', () => {
    for (const unsafe of [undefined, '', 'x'.repeat(129), 'has space', 'line\nbreak', '<script>', 'ä', 'a/b', 'a"b', 'k=v']) {
      const id = requestIdFrom(unsafe);
      expect(id, String(unsafe)).toMatch(UUID);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});
