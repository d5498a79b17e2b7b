/** BM25's standard parameters: term-frequency saturation and length normalization. */
const K1 = 1.2;
const B = 0.75;

/** Plain BM25 tokens: lowercase runs of letters and digits, nothing else (the baseline knows no identifiers). */
export function bm25Tokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/**
 * Ranks documents (a file's path followed by its content) for a query with Okapi BM25
 * (k1 = 1.2, b = 0.75, IDF `ln(1 + (N - n + 0.5) / (n + 0.5))`), best first, ties by path. Each
 * distinct query term counts once: the baseline of the context-ranking benchmark.
 */
export function bm25Rank(query: string, documents: ReadonlyArray<{ path: string; text: string }>): string[] {
  const terms = [...new Set(bm25Tokens(query))];
  const wanted = new Set(terms);
  const counted = documents.map((document) => {
    const tokens = bm25Tokens(document.text);
    const counts = new Map<string, number>();
    for (const token of tokens) if (wanted.has(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
    return { path: document.path, length: tokens.length, counts };
  });
  const total = counted.length;
  const averageLength = counted.reduce((sum, document) => sum + document.length, 0) / Math.max(1, total);
  const idf = new Map(
    terms.map((term) => {
      const having = counted.filter((document) => document.counts.has(term)).length;
      return [term, Math.log(1 + (total - having + 0.5) / (having + 0.5))];
    }),
  );
  const scored = counted.map((document) => {
    let score = 0;
    for (const [term, tf] of document.counts) {
      const norm = tf + K1 * (1 - B + (B * document.length) / Math.max(1, averageLength));
      score += (idf.get(term) ?? 0) * ((tf * (K1 + 1)) / norm);
    }
    return { path: document.path, score };
  });
  scored.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return scored.map((document) => document.path);
}
