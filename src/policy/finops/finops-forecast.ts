/** Inputs of the month-end forecast, in EUR and UTC instants. */
export interface ForecastInput {
  cap: number;
  spentThisMonth: number;
  spentLast24h: number;
  now: Date;
  monthStart: Date;
  monthEnd: Date;
}

/** The forecast: where spending lands at month end at the current rate, and when the cap is hit. */
export interface Forecast {
  /** EUR per hour: the higher of the month-to-date average and the last 24 hours. */
  ratePerHour: number;
  projectedMonthEnd: number;
  /** When the cap is reached at that rate; null if not before month end. */
  capReachedAt: Date | null;
  alert: boolean;
}

const HOUR = 3_600_000;

/**
 * Burn-rate forecast. The rate is the higher of the month-to-date average and the last 24 hours,
 * so a sudden rise is seen within hours rather than diluted by a quiet start of the month. It
 * alerts as soon as the projection crosses the cap, which at the current rate is
 * (cap − spent) ÷ rate before the cap is reached. Pure.
 */
export function forecastMonthEnd(input: ForecastInput): Forecast {
  const elapsedHours = Math.max((input.now.getTime() - input.monthStart.getTime()) / HOUR, 1);
  const remainingHours = Math.max((input.monthEnd.getTime() - input.now.getTime()) / HOUR, 0);
  const average = input.spentThisMonth / elapsedHours;
  const recent = input.spentLast24h / Math.min(24, elapsedHours);
  const ratePerHour = Math.max(average, recent);
  const projectedMonthEnd = input.spentThisMonth + ratePerHour * remainingHours;
  const hoursToCap = ratePerHour > 0 ? (input.cap - input.spentThisMonth) / ratePerHour : Number.POSITIVE_INFINITY;
  const capReachedAt = hoursToCap <= remainingHours ? new Date(input.now.getTime() + Math.max(hoursToCap, 0) * HOUR) : null;
  return { ratePerHour, projectedMonthEnd, capReachedAt, alert: projectedMonthEnd > input.cap };
}
