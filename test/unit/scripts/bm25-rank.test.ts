import { describe, expect, it } from 'vitest';
import { bm25Rank, bm25Tokens } from '../../../scripts/bench/lib/bm25-rank.ts';

describe('bm25Rank (the baseline of bench:ranking)', () => {
  it('tokenizes into lowercase letters and digits only', () => {
    expect(bm25Tokens('src/httpClient.ts: Retry_Delay 2x')).toEqual(['src', 'httpclient', 'ts', 'retry', 'delay', '2x']);
  });

  it('ranks by rare terms over common ones, saturates repetition, and breaks ties by path', () => {
    const documents = [
      { path: 'b.ts', text: 'request request request request request request' },
      { path: 'a.ts', text: 'request timeout' },
      { path: 'c.ts', text: 'request request' },
      { path: 'e.ts', text: 'nothing here' },
      { path: 'd.ts', text: 'nothing here' },
    ];
    expect(bm25Rank('request timeout', documents)).toEqual(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts']);
  });
});
