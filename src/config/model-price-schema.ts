import { z } from 'zod';

const eurPer1k = z.number().min(0, 'a price cannot be negative');

/**
 * One model of a provider: its EUR prices and token limits. A model must have a price (aos refuses
 * to call a model it cannot cost); a price of 0 is allowed but has to be written out. The
 * transform normalizes the `cost_per_1k_tokens` shorthand so consumers always read both rates.
 */
export const modelPriceSchema = z
  .strictObject({
    /** EUR per 1,000 prompt (input) tokens. */
    input_per_1k_eur: eurPer1k.optional().describe('EUR per 1,000 prompt (input) tokens.'),
    /** EUR per 1,000 completion (output) tokens. */
    output_per_1k_eur: eurPer1k.optional().describe('EUR per 1,000 completion (output) tokens.'),
    /** Shorthand for one EUR rate used for both input and output tokens; excludes the two separate rates. */
    cost_per_1k_tokens: eurPer1k
      .optional()
      .describe('Shorthand: one EUR rate per 1,000 tokens, used for both input and output. Use it or the two separate rates, not both.'),
    /** Largest prompt + completion the model accepts, in tokens. */
    context_window: z.int().positive().describe('Largest prompt + completion the model accepts, in tokens.'),
    /** Largest completion the model can produce; the router never asks for more as `max_tokens`. */
    max_output_tokens: z
      .int()
      .positive()
      .describe('Largest completion the model can produce, in tokens; the router never sets max_tokens above it.'),
  })
  .transform((model, ctx) => {
    const fail = (path: string[], message: string): never => {
      ctx.issues.push({ code: 'custom', input: model, path, message });
      return z.NEVER;
    };
    const { input_per_1k_eur: input, output_per_1k_eur: output, cost_per_1k_tokens: both } = model;
    const separate = input !== undefined || output !== undefined;
    if (both !== undefined && separate) {
      return fail(['cost_per_1k_tokens'], 'give either cost_per_1k_tokens or input_per_1k_eur and output_per_1k_eur, not both');
    }
    const inputRate = input ?? both;
    const outputRate = output ?? both;
    if (inputRate === undefined || outputRate === undefined) {
      if (!separate) return fail([], 'missing price: set input_per_1k_eur and output_per_1k_eur (or cost_per_1k_tokens)');
      const missing = inputRate === undefined ? 'input_per_1k_eur' : 'output_per_1k_eur';
      return fail([missing], 'missing required key (a model needs both rates, or cost_per_1k_tokens)');
    }
    if (model.max_output_tokens > model.context_window) {
      return fail(['max_output_tokens'], `max_output_tokens (${model.max_output_tokens}) exceeds context_window (${model.context_window})`);
    }
    const { context_window, max_output_tokens } = model;
    return { input_per_1k_eur: inputRate, output_per_1k_eur: outputRate, context_window, max_output_tokens };
  });

/** A model's prices and limits as consumers see them: always both rates. */
export type ModelPrice = z.output<typeof modelPriceSchema>;
