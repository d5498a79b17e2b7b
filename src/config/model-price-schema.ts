import { z } from 'zod';

const eurPer1k = z.number().min(0, 'a price cannot be negative');

/** The single rate of the specification's `cost_per_1k_tokens`. */
export const singleRateSchema = eurPer1k.describe(
  'EUR per 1,000 tokens, ONE rate charged for input and output tokens alike. The specification names no currency; aos reads EUR. For a vendor that bills output higher, use prices instead.',
);

/** aos's separate input and output rates of one model. */
export const modelRatesSchema = z.strictObject({
  input_per_1k_eur: eurPer1k.describe('EUR per 1,000 prompt (input) tokens.'),
  output_per_1k_eur: eurPer1k.describe('EUR per 1,000 completion (output) tokens.'),
});

/** aos's token limits of one model. */
export const modelLimitsSchema = z
  .strictObject({
    context_window: z.int().positive().describe('Largest prompt + completion the model accepts, in tokens.'),
    max_output_tokens: z
      .int()
      .positive()
      .describe('Largest completion the model can produce, in tokens; the router never sets max_tokens above it.'),
  })
  .superRefine((limits, ctx) => {
    if (limits.max_output_tokens > limits.context_window) {
      ctx.addIssue({
        code: 'custom',
        path: ['max_output_tokens'],
        message: `max_output_tokens (${limits.max_output_tokens}) exceeds context_window (${limits.context_window})`,
      });
    }
  });

/** One model of a provider as the router and the budget use it: both rates and both limits, always. */
export interface ModelPrice {
  input_per_1k_eur: number;
  output_per_1k_eur: number;
  context_window: number;
  max_output_tokens: number;
}
