/**
 * An upper-bound token estimate for one piece of text: one token per two UTF-8 bytes, the same
 * over-reserving rule as `estimateInputTokens` in `src/llm/estimate-tokens.ts`, without the
 * per-message overhead, so context that fits this estimate fits the prompt.
 */
export function estimateTextTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 2);
}
