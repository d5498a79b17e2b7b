import { z } from 'zod';
import { modelPriceSchema } from './model-price-schema.ts';

/** Token ceilings of one provider and the models aos may call on it, with their prices. */
export const providerLimitsSchema = z
  .strictObject({
    /** Ceiling on prompt + completion tokens of a single request to this provider. */
    max_tokens_per_request: z.int().positive().describe('Ceiling on prompt + completion tokens of a single request to this provider.'),
    /** Ceiling on all tokens sent to and received from this provider per UTC day, across all runs. */
    max_tokens_per_day: z.int().positive().describe('Ceiling on all tokens sent to and received from this provider per UTC day, across all runs.'),
    /** Models by the exact id sent to the provider's API; at least one. */
    models: z
      .record(z.string().min(1), modelPriceSchema)
      .refine((models) => Object.keys(models).length > 0, 'at least one model is required')
      .describe("Models by the exact id sent to the provider's API, each with its prices and limits."),
  })
  .superRefine((provider, ctx) => {
    if (provider.max_tokens_per_request > provider.max_tokens_per_day) {
      ctx.addIssue({
        code: 'custom',
        path: ['max_tokens_per_request'],
        message: `max_tokens_per_request (${provider.max_tokens_per_request}) exceeds max_tokens_per_day (${provider.max_tokens_per_day})`,
      });
    }
  });

/** One provider's ceilings and models. */
export type ProviderLimits = z.output<typeof providerLimitsSchema>;
