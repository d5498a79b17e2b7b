import { forecastMonthEnd, periodResetsAt, periodStartsAt, type Forecast } from '../../policy/finops/index.ts';
import type { BudgetStore } from './budget-store.ts';

const DAY_MS = 86_400_000;

/** The month-end forecast of the global monthly cap, for the metrics and the dashboards. */
export interface MonthEndForecast {
  scope: 'global';
  period: 'month';
  cap: number;
  spent: number;
  ratePerHour: number;
  projectedMonthEnd: number;
}

/**
 * The burn-rate forecast of a monthly cap at `now`: this month's settled spend and the last 24
 * hours' (all scopes: the global cap is what it is for) projected to the end of the UTC month.
 */
export async function forecastMonthSpend(
  store: Pick<BudgetStore, 'spendSince'>,
  month: { cap: number; spent: number },
  now: Date,
): Promise<Forecast> {
  return forecastMonthEnd({
    cap: month.cap,
    spentThisMonth: month.spent,
    spentLast24h: await store.spendSince(new Date(now.getTime() - DAY_MS)),
    now,
    monthStart: periodStartsAt('month', now)!,
    monthEnd: periodResetsAt('month', now)!,
  });
}
