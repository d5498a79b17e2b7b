import { z } from 'zod';

const eur = z.number().positive('a cap must be greater than 0');

/** The global spending caps of one rollout phase. */
export const phaseCapsSchema = z
  .strictObject({
    /** Most aos may spend on models per UTC day, in EUR, across all installations. */
    daily_cap_eur: eur.describe('Most aos may spend on models per UTC day, in EUR, across all installations.'),
    /** Most aos may spend on models per calendar month (UTC), in EUR. */
    monthly_cap_eur: eur.describe('Most aos may spend on models per calendar month (UTC), in EUR.'),
  })
  .superRefine((phase, ctx) => {
    if (phase.daily_cap_eur > phase.monthly_cap_eur) {
      ctx.addIssue({
        code: 'custom',
        path: ['daily_cap_eur'],
        message: `daily cap (${phase.daily_cap_eur} EUR) is greater than the monthly cap (${phase.monthly_cap_eur} EUR)`,
      });
    }
  });

/** Caps of one phase. */
export type PhaseCaps = z.output<typeof phaseCapsSchema>;
