/** The public surface of policy/finops: everything outside this folder imports from here. */
export { BudgetExceeded } from './finops-budget-exceeded.ts';
export { forecastMonthEnd } from './finops-forecast.ts';
export type { Forecast } from './finops-forecast.ts';
export { compareCounterKeys, counterKeysFor, periodResetsAt, periodStartsAt } from './finops-periods.ts';
export { lookupPrice } from './finops-price-table.ts';
export { judgeReportedUsage } from './finops-reported-usage.ts';
export { costEur, decideReservation } from './finops-reservation.ts';
export type { ReservationAsk, ReservationDecision } from './finops-reservation.ts';
export type {
  BudgetLimit,
  BudgetPeriod,
  BudgetScope,
  BudgetStanding,
  BudgetUnit,
  CounterKey,
  CounterState,
  TokenPrice,
} from './finops-types.ts';
