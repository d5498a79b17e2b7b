import { describe, expect, it } from 'vitest';
import { termWeights } from '#src/agents/context/term-weights.ts';

const files = Array.from({ length: 10 }, (_, index) =>
  new Set(index < 5 ? ['request', 'body'] : ['request']).add(index === 0 ? 'timeout' : 'x'),
);

describe('termWeights', () => {
  it('weighs a term by how few files have it, between the floor and 1', () => {
    const weights = termWeights(['timeout', 'body', 'request', 'absent'], files, (file, term) => file.has(term));
    const [timeout, body, request, absent] = ['timeout', 'body', 'request', 'absent'].map((term) => weights.get(term) ?? Number.NaN);
    expect(absent).toBe(1);
    expect(timeout).toBeLessThan(1);
    expect(timeout).toBeGreaterThan(body ?? 1);
    expect(body).toBeGreaterThan(request ?? 1);
    expect(request).toBe(0.05);
  });
});
