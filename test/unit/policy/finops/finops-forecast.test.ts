import { describe, expect, it } from 'vitest';
import { forecastMonthEnd } from '#src/policy/finops/finops-forecast.ts';

const HOUR = 3_600_000;
const monthStart = new Date('2026-11-01T00:00:00Z');
const monthEnd = new Date('2026-12-01T00:00:00Z');

/** Walks a synthetic hourly burn curve, evaluating the forecast each hour like the guardian does after each settlement. */
function simulate(ratePerHourAt: (hour: number) => number, cap: number) {
  const hourly: number[] = [];
  let firstAlertHour: number | null = null;
  let capHour: number | null = null;
  let spent = 0;
  for (let hour = 0; hour < 720; hour += 1) {
    const cost = ratePerHourAt(hour);
    spent += cost;
    hourly.push(cost);
    if (capHour === null && spent >= cap) capHour = hour;
    const last24 = hourly.slice(-24).reduce((a, b) => a + b, 0);
    const forecast = forecastMonthEnd({
      cap,
      spentThisMonth: spent,
      spentLast24h: last24,
      now: new Date(monthStart.getTime() + (hour + 1) * HOUR),
      monthStart,
      monthEnd,
    });
    if (firstAlertHour === null && forecast.alert) firstAlertHour = hour;
  }
  return { firstAlertHour, capHour };
}

describe('forecastMonthEnd', () => {
  it('does not alert on a pace that ends the month under the cap', () => {
    expect(simulate(() => 12_000 / 720 - 1, 12_000).firstAlertHour).toBeNull();
  });

  it('alerts at least 24 hours before a steady overspend reaches the cap', () => {
    const { firstAlertHour, capHour } = simulate(() => 20, 12_000);
    expect(capHour).not.toBeNull();
    expect(capHour! - firstAlertHour!).toBeGreaterThanOrEqual(24);
  });

  it('alerts at least 24 hours ahead when spending jumps late in the month', () => {
    // Quiet for 18 days (€8/h), then €40/h: the cap of €12,000 falls on about day 27.
    const { firstAlertHour, capHour } = simulate((hour) => (hour < 18 * 24 ? 8 : 40), 12_000);
    expect(capHour).not.toBeNull();
    expect(firstAlertHour).toBeGreaterThanOrEqual(18 * 24);
    expect(capHour! - firstAlertHour!).toBeGreaterThanOrEqual(24);
  });

  it('reports when the cap would be reached', () => {
    const forecast = forecastMonthEnd({
      cap: 1000,
      spentThisMonth: 500,
      spentLast24h: 240,
      now: new Date('2026-11-10T00:00:00Z'),
      monthStart,
      monthEnd,
    });
    expect(forecast.ratePerHour).toBe(10);
    expect(forecast.capReachedAt?.toISOString()).toBe('2026-11-12T02:00:00.000Z');
    expect(forecast.alert).toBe(true);
  });
});
