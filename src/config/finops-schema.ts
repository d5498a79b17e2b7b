import { z } from 'zod';
import { alertsSchema } from './alerts-schema.ts';
import { phaseSchema } from './phase-schema.ts';

const phaseKey = z.string().regex(/^[1-9][0-9]*$/, 'phases are numbered: 1, 2, 3');

/**
 * `policies/finops.yaml` as written, in the specification's names: caps and provider limits per
 * numbered phase, alerts; aos adds the active phase, the run cap and the burn-rate forecast. The
 * output numbers `active_phase` (default: the lowest phase).
 */
export const finopsSchema = z
  .strictObject({
    active_phase: z
      .union([z.int().positive(), phaseKey])
      .optional()
      .describe('aos: the phase (a key under phases) whose caps and limits are in force. Unset: the lowest phase.'),
    phases: z
      .record(phaseKey, phaseSchema)
      .refine((phases) => Object.keys(phases).length > 0, 'at least one phase is required')
      .describe('Rollout phases by number: global daily and monthly caps, and per provider its token ceilings and allowed models.'),
    run_default_cap_eur: z
      .number()
      .positive('a cap must be greater than 0')
      .default(5)
      .describe('aos: budget of one run, in EUR, unless .github/aos.yml or the command sets another.'),
    alerts: alertsSchema.describe('Spending alerts.'),
  })
  .transform((finops, ctx) => {
    const numbers = Object.keys(finops.phases).map(Number);
    const active = finops.active_phase === undefined ? Math.min(...numbers) : Number(finops.active_phase);
    const phase = finops.phases[String(active)];
    if (!phase) {
      ctx.issues.push({
        code: 'custom',
        input: finops.active_phase,
        path: ['active_phase'],
        message: `phase ${active} is not defined under phases (defined: ${numbers.join(', ')})`,
      });
      return z.NEVER;
    }
    if (finops.run_default_cap_eur > phase.daily_eur_cap) {
      const message = `run cap (${finops.run_default_cap_eur} EUR) is greater than the daily cap of phase ${active} (${phase.daily_eur_cap} EUR)`;
      ctx.issues.push({ code: 'custom', input: finops.run_default_cap_eur, path: ['run_default_cap_eur'], message });
      return z.NEVER;
    }
    return { ...finops, active_phase: active };
  });

/** `policies/finops.yaml` validated, before the prices of configs/model_routing.yaml are joined in. */
export type FinopsFile = z.output<typeof finopsSchema>;
