import { z } from 'zod';
import { TASK_TYPES } from './config-names.ts';
import { modelLimitsSchema, modelRatesSchema, singleRateSchema } from './model-price-schema.ts';

const score = z.number().min(0, 'a score must be between 0 and 1').max(1, 'a score must be between 0 and 1');
const modelId = z.string().min(1);

/**
 * One provider in `configs/model_routing.yaml`: its model per task type, its speed and, keyed by
 * model id, its prices and (aos) limits. The output fills `models.qa` from `models.review`.
 */
export const providerRoutingSchema = z
  .strictObject({
    models: z
      .partialRecord(z.enum(TASK_TYPES), modelId)
      .default({})
      .describe('The model this provider is asked for, per task type: planning, coding, review (and aos: qa, default the review model).'),
    base_latency_ms: z
      .int()
      .min(0)
      .optional()
      .describe('Typical response time of this provider, in ms; the latency weight prefers the faster provider.'),
    latency: score
      .optional()
      .meta({ deprecated: true, description: 'Deprecated: a relative speed score 0..1 (higher is faster). Use base_latency_ms.' }),
    accuracy: score
      .default(0.5)
      .describe("aos: relative quality of this provider's answers, 0..1 (higher is better), our own judgement. Default 0.5."),
    cost_per_1k_tokens: z
      .record(modelId, singleRateSchema)
      .default({})
      .describe('Per model id: EUR per 1,000 tokens, one rate for input and output tokens alike.'),
    prices: z
      .record(modelId, modelRatesSchema)
      .default({})
      .describe(
        'aos: per model id, separate EUR rates per 1,000 input and output tokens. A model is priced here or in cost_per_1k_tokens, not both.',
      ),
    limits: z
      .record(modelId, modelLimitsSchema)
      .default({})
      .describe(
        "aos: per model id, its context window and output limit. Unset: the window is the active phase's max_tokens for this provider (8192 when that is unset too) and output is capped by the task's max_tokens.",
      ),
  })
  .superRefine((provider, ctx) => {
    for (const [model, rate] of Object.entries(provider.cost_per_1k_tokens)) {
      const rates = provider.prices[model];
      if (rates && (rates.input_per_1k_eur !== rate || rates.output_per_1k_eur !== rate)) {
        ctx.addIssue({
          code: 'custom',
          path: ['cost_per_1k_tokens', model],
          message: `conflicts with prices.${model} (${rates.input_per_1k_eur} in, ${rates.output_per_1k_eur} out): price a model in one place`,
        });
      }
    }
  })
  .transform((provider) => ({ ...provider, models: { ...provider.models, qa: provider.models.qa ?? provider.models.review } }));

/** One provider's routing entry as validated. */
export type ProviderRouting = z.output<typeof providerRoutingSchema>;
