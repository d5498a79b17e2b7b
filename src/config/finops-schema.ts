import { z } from 'zod';
import { providerNameSchema } from './config-names.ts';
import { phaseCapsSchema } from './phase-caps-schema.ts';
import { providerLimitsSchema } from './provider-limits-schema.ts';

/** When and where spending alerts go. */
const alertsSchema = z.strictObject({
  /** Fraction of a cap (0 < threshold ≤ 1) at which an alert is sent. */
  threshold: z
    .number()
    .gt(0, 'threshold must be greater than 0')
    .max(1, 'threshold must be at most 1 (a fraction of the cap)')
    .describe('Fraction of a cap (0 < threshold <= 1) at which an alert is sent, e.g. 0.8 = at 80 %.'),
  /** Where alerts go; each channel needs its environment variable (AOS_SLACK_WEBHOOK_URL, AOS_SMTP_URL + AOS_ALERT_EMAIL, AOS_NOTIFY_WEBHOOK_URLS). */
  channels: z
    .array(z.enum(['slack', 'email', 'webhook']))
    .describe('Where alerts go: slack (AOS_SLACK_WEBHOOK_URL), email (AOS_SMTP_URL, AOS_ALERT_EMAIL), webhook (AOS_NOTIFY_WEBHOOK_URLS).'),
  /** Also alert when the current burn rate projects spending past a cap before the period ends. */
  burn_rate_forecast: z
    .boolean()
    .describe('Also alert when the current burn rate projects spending past a cap before the day or month ends.'),
});

/** `policies/finops.yaml`: phase caps, per-run cap, provider ceilings and prices, alerts. */
export const finopsSchema = z
  .strictObject({
    /** The phase whose caps are in force. */
    active_phase: z.string().min(1).default('phase_1').describe('Name of the phase under `phases` whose caps are in force.'),
    /** Caps per rollout phase, by phase name. */
    phases: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'phase names are lower-case letters, digits and "_"'), phaseCapsSchema)
      .describe('Global daily and monthly caps per rollout phase, by phase name.'),
    /** Budget of one run unless the repository or the command sets another, in EUR. */
    run_default_cap_eur: z
      .number()
      .positive('a cap must be greater than 0')
      .default(5)
      .describe('Budget of one run, in EUR, unless .github/aos.yml sets another.'),
    /** Token ceilings and model prices per provider. */
    providers: z.record(providerNameSchema, providerLimitsSchema).describe('Token ceilings and model prices per provider.'),
    /** Spending alerts. */
    alerts: alertsSchema.describe('Spending alerts.'),
  })
  .superRefine((finops, ctx) => {
    const active = finops.phases[finops.active_phase];
    if (!active) {
      const known = Object.keys(finops.phases).join(', ') || 'none';
      ctx.addIssue({ code: 'custom', path: ['active_phase'], message: `phase '${finops.active_phase}' is not defined under phases (defined: ${known})` });
    } else if (finops.run_default_cap_eur > active.daily_cap_eur) {
      ctx.addIssue({
        code: 'custom',
        path: ['run_default_cap_eur'],
        message: `run cap (${finops.run_default_cap_eur} EUR) is greater than the daily cap of ${finops.active_phase} (${active.daily_cap_eur} EUR)`,
      });
    }
  });

/** The validated `policies/finops.yaml`. */
export type FinopsConfig = z.output<typeof finopsSchema>;
