import { z } from 'zod';

/** The operator's caps a repository may lower but never raise, in EUR. */
export interface GlobalCaps {
  /** Global daily cap of the active phase (`policies/finops.yaml`). */
  dailyCapEur: number;
  /** Global monthly cap of the active phase. */
  monthlyCapEur: number;
  /** The most one run may cost. */
  runCapEur: number;
  /** The operator's most ci-fix passes per run (AOS_CI_FIX_ATTEMPTS); unbounded when absent (the editor schema). */
  ciFixAttempts?: number;
}

const eur = z.number().positive('must be greater than 0');

/** Which global cap bounds which repository key, and how messages name it. */
const BOUNDS = [
  { key: 'daily_cap_eur', cap: 'dailyCapEur', label: 'global daily cap' },
  { key: 'monthly_cap_eur', cap: 'monthlyCapEur', label: 'global monthly cap' },
  { key: 'run_cap_eur', cap: 'runCapEur', label: 'per-run cap' },
] as const;

/** `budget:` of `.github/aos.yml`: caps for this repository, each at most the operator's. */
export function createBudgetSchema(globalCaps: GlobalCaps) {
  return z
    .strictObject({
      daily_cap_eur: eur.optional().describe("Most this repository may spend per UTC day, in EUR; at most the operator's daily cap."),
      monthly_cap_eur: eur
        .optional()
        .describe("Most this repository may spend per calendar month (UTC), in EUR; at most the operator's monthly cap."),
      run_cap_eur: eur.optional().describe("Most one run in this repository may cost, in EUR; at most the operator's run cap."),
    })
    .superRefine((budget, ctx) => {
      for (const { key, cap, label } of BOUNDS) {
        const value = budget[key];
        if (value !== undefined && value > globalCaps[cap]) {
          const message = `${value} EUR is above the operator's ${label} of ${globalCaps[cap]} EUR; a repository can only lower caps`;
          ctx.addIssue({ code: 'custom', path: [key], message });
        }
      }
      const { daily_cap_eur: daily, monthly_cap_eur: monthly } = budget;
      if (daily !== undefined && monthly !== undefined && daily > monthly) {
        ctx.addIssue({
          code: 'custom',
          path: ['daily_cap_eur'],
          message: `daily cap (${daily} EUR) is greater than the monthly cap (${monthly} EUR)`,
        });
      }
    });
}
