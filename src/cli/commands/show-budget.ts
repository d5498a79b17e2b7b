import { loadConfig } from '../../config/index.ts';
import { forecastMonthEnd, periodResetsAt, periodStartsAt } from '../../policy/finops/index.ts';
import { createBudgetGuardian } from '../../state/budget/budget-guardian.ts';
import { createBudgetStore } from '../../state/budget/budget-store.ts';
import type { CliInvocation } from '../cli-command.ts';
import { openCliContext } from '../cli-context.ts';
import { UsageError } from '../usage-error.ts';
import { BUDGET_ALERT_LIMIT } from './budget-command.ts';
import { printableText } from './printable-text.ts';

const DAY_MS = 86_400_000;

interface AlertRow {
  kind: string;
  scope: string;
  scope_id: string;
  period: string;
  period_key: string;
  message: string;
  created_at: Date | string;
}

const eur = (amount: number) => `€${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** `aos budget`: reads the global caps, the forecast and the newest alerts; never spends or alerts. */
export async function showBudget({ positionals, values, out }: CliInvocation): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const { env, logger, backends } = await openCliContext();
  try {
    const { finops } = loadConfig({ configDir: env.AOS_CONFIG_DIR, env });
    const knex = backends.db.knex;
    const now = new Date();
    // Reading only: alerts are raised by spending, never by looking.
    const guardian = createBudgetGuardian({ knex, finops, alerts: { publish: async () => undefined }, logger, now: () => now });
    const caps = (await guardian.getRemainingBudget({ provider: '' })).filter((cap) => cap.scope === 'global');
    const month = caps.find((cap) => cap.period === 'month');
    const spentLast24h = await createBudgetStore(knex).spendSince(new Date(now.getTime() - DAY_MS));
    const forecast = month
      ? forecastMonthEnd({
          cap: month.cap,
          spentThisMonth: month.spent,
          spentLast24h,
          now,
          monthStart: periodStartsAt('month', now)!,
          monthEnd: periodResetsAt('month', now)!,
        })
      : null;
    const alerts = (await knex('budget_alerts')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(BUDGET_ALERT_LIMIT)) as AlertRow[];
    const alertList = alerts.map((row) => ({
      kind: row.kind,
      scope: row.scope,
      scope_id: row.scope_id,
      period: row.period,
      period_key: row.period_key,
      message: row.message,
      created_at: new Date(row.created_at).toISOString(),
    }));
    const capList = caps.map((cap) => ({
      scope: cap.scope,
      scope_id: cap.scopeId,
      period: cap.period,
      unit: cap.unit,
      cap: cap.cap,
      spent: cap.spent,
      reserved: cap.reserved,
      remaining: cap.remaining,
      resets_at: cap.resetsAt?.toISOString() ?? null,
    }));
    if (values.json) {
      out(
        JSON.stringify(
          {
            phase: finops.active_phase,
            caps: capList,
            forecast: forecast && {
              spent_last_24h: spentLast24h,
              rate_per_hour: forecast.ratePerHour,
              projected_month_end: forecast.projectedMonthEnd,
              cap_reached_at: forecast.capReachedAt?.toISOString() ?? null,
              over_cap: forecast.alert,
            },
            alerts: alertList,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const phase = finops.phases[String(finops.active_phase)]!;
    out(
      `budget of phase ${finops.active_phase} (global caps, UTC): ${eur(phase.daily_eur_cap)} a day, ${eur(phase.monthly_eur_cap)} a month`,
    );
    for (const cap of caps) {
      out(
        `  ${cap.period.padEnd(5)}  spent ${eur(cap.spent)} + reserved ${eur(cap.reserved)} of ${eur(cap.cap)}: ${eur(cap.remaining)} left, resets ${cap.resetsAt?.toISOString().slice(0, 16).replace('T', ' ') ?? 'never'}`,
      );
    }
    if (forecast) {
      const reached = forecast.capReachedAt
        ? `; the monthly cap is reached ${forecast.capReachedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
        : '';
      out(
        `forecast: ${eur(forecast.ratePerHour)}/h (last 24 h: ${eur(spentLast24h)}), month end ${eur(forecast.projectedMonthEnd)}${reached}`,
      );
    }
    out(alerts.length === 0 ? 'alerts: none sent' : `alerts (newest ${alertList.length}):`);
    for (const alert of alertList)
      out(`  ${alert.created_at.slice(0, 16).replace('T', ' ')}  ${alert.kind.padEnd(9)}  ${printableText(alert.message)}`);
    return 0;
  } finally {
    await backends.close();
  }
}
