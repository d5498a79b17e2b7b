import { describe, expect, it } from 'vitest';
import { defaultIdempotencyKey } from '#src/notify/default-idempotency-key.ts';

describe('defaultIdempotencyKey', () => {
  it('is the same for the same type, correlation id and title, and differs when any changes', () => {
    const base = { type: 'run.finished', correlationId: 'run-1', title: 'Run finished' } as const;
    expect(defaultIdempotencyKey(base)).toBe(defaultIdempotencyKey({ ...base }));
    expect(defaultIdempotencyKey(base)).toMatch(/^ntf_[0-9a-f]{40}$/);
    const others = [
      { ...base, type: 'run.failed' as const },
      { ...base, correlationId: 'run-2' },
      { ...base, title: 'Run finished!' },
    ];
    for (const other of others) expect(defaultIdempotencyKey(other)).not.toBe(defaultIdempotencyKey(base));
  });
});
