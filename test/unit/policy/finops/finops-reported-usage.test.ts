import { describe, expect, it } from 'vitest';
import { judgeReportedUsage, MAX_REPORTED_TOKENS } from '#src/policy/finops/finops-reported-usage.ts';

describe('judgeReportedUsage', () => {
  it.each([
    ['plain counts', { prompt_tokens: 1200, completion_tokens: 300 }, undefined],
    ['zero', { prompt_tokens: 0, completion_tokens: 0 }, undefined],
    ['exactly the window', { inputTokens: 127_000, outputTokens: 1_000 }, 128_000],
    ['the largest count allowed', { prompt_tokens: MAX_REPORTED_TOKENS }, undefined],
  ])('accepts %s', (_name, counts, window) => {
    expect(judgeReportedUsage(counts, window)).toEqual({ ok: true });
  });

  it.each([
    ['a negative count', { prompt_tokens: -50_000_000, completion_tokens: 30 }, undefined, 'prompt_tokens is -50000000'],
    ['a fraction', { prompt_tokens: 12.5 }, undefined, 'prompt_tokens is 12.5'],
    ['NaN', { completion_tokens: Number.NaN }, undefined, 'completion_tokens is NaN'],
    ['Infinity', { prompt_tokens: Number.POSITIVE_INFINITY }, undefined, 'prompt_tokens is Infinity'],
    ['a string', { prompt_tokens: '100' }, undefined, 'prompt_tokens is "100"'],
    ['null', { output_tokens: null }, undefined, 'output_tokens is null'],
    ['a missing count', { output_tokens: undefined }, undefined, 'output_tokens is undefined'],
    ['more than 10^9', { prompt_tokens: MAX_REPORTED_TOKENS + 1 }, undefined, 'more than 1000000000 tokens'],
    [
      'more than the window together',
      { inputTokens: 127_990, outputTokens: 30 },
      128_000,
      "128020 tokens, more than the model's 128000-token context window",
    ],
    [
      'a negative count hidden in a plausible sum',
      { input_tokens: 100_000, cache_read_input_tokens: -100_000 },
      200_000,
      'cache_read_input_tokens is -100000',
    ],
  ])('refuses %s', (_name, counts, window, reason) => {
    const judged = judgeReportedUsage(counts as Record<string, unknown>, window);
    expect(judged.ok).toBe(false);
    expect(judged.ok === false && judged.reason).toContain(reason);
  });
});
