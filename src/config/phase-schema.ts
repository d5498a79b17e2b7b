import { z } from 'zod';
import { providerNameSchema } from './config-names.ts';

const eur = z.number().positive('a cap must be greater than 0');

/** What one provider may do in one phase. */
const phaseProviderSchema = z
  .strictObject({
    max_tokens: z
      .int()
      .positive()
      .optional()
      .describe(
        'Token ceiling of ONE request to this provider in this phase: prompt plus completion. The router never asks for more. Unset: only the model limits apply.',
      ),
    max_tokens_per_day: z
      .int()
      .positive()
      .optional()
      .describe(
        'aos: ceiling on all tokens sent to and received from this provider per UTC day in this phase, across all runs. Unset: no daily token ceiling (the EUR caps still apply).',
      ),
    models: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'The models allowed on this provider in this phase; routing never picks another. Unset: every model configs/model_routing.yaml prices.',
      ),
  })
  .superRefine((provider, ctx) => {
    if (
      provider.max_tokens !== undefined &&
      provider.max_tokens_per_day !== undefined &&
      provider.max_tokens > provider.max_tokens_per_day
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['max_tokens'],
        message: `max_tokens (${provider.max_tokens}) exceeds max_tokens_per_day (${provider.max_tokens_per_day})`,
      });
    }
  });

/** One rollout phase: the global caps, and per provider its token ceilings and allowed models. */
export const phaseSchema = z
  .strictObject({
    daily_eur_cap: eur.describe('Most aos may spend on models per UTC day, in EUR, across all installations.'),
    monthly_eur_cap: eur.describe('Most aos may spend on models per calendar month (UTC), in EUR, across all installations.'),
    providers: z
      .record(providerNameSchema, phaseProviderSchema)
      .default({})
      .describe('Per provider, its token ceilings and allowed models in this phase. A provider not listed has no phase-specific limit.'),
  })
  .superRefine((phase, ctx) => {
    if (phase.daily_eur_cap > phase.monthly_eur_cap) {
      ctx.addIssue({
        code: 'custom',
        path: ['daily_eur_cap'],
        message: `daily cap (${phase.daily_eur_cap} EUR) is greater than the monthly cap (${phase.monthly_eur_cap} EUR)`,
      });
    }
  });

/** One phase as validated. */
export type PhaseCaps = z.output<typeof phaseSchema>;

/** One provider's limits in one phase. */
export type PhaseProvider = z.output<typeof phaseProviderSchema>;
