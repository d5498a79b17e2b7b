import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import type { BudgetAlert } from '#src/state/budget/budget-alerts.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { databaseEngines } from '../../../helpers/backend-matrix.ts';
import { captureLogger } from '../../../helpers/capture-logger.ts';
import { useTestDatabase } from '../../../helpers/use-test-database.ts';

const finops = loadConfig({ configDir: process.cwd() }).finops;
// 10 days (240 h) into March; 21 days (504 h) left.
const NOW = new Date('2026-03-11T00:00:00Z');

/** A call that costs exactly `eur`: 1,000 output tokens at `eur` per 1k, no input. */
const callOf = (eur: number) => ({
  model: 'm',
  task: 'coding',
  price: { inputPer1k: 0, outputPer1k: eur },
  inputTokens: 0,
  desiredMaxTokens: 1000,
  minOutputTokens: 1000,
});

describe.each(databaseEngines())('month-end forecast of the budget guardian on $engine', ({ create }) => {
  const testDb = useTestDatabase(create);

  it('projects this month’s settled spend at the higher of the month’s and the last 24 hours’ rate, and alerts nobody', async () => {
    const alerts: BudgetAlert[] = [];
    let clock = new Date('2026-03-02T12:00:00Z');
    const guardian = createBudgetGuardian({
      knex: testDb.db.knex,
      finops,
      alerts: { publish: async (alert) => void alerts.push(alert) },
      logger: captureLogger().logger,
      now: () => clock,
    });
    const spend = async (eur: number, at: string) => {
      clock = new Date(at);
      const reservation = await guardian.reserve({ provider: 'openai' }, callOf(eur));
      await guardian.settle(reservation.id, { inputTokens: 0, outputTokens: 1000 });
    };
    await spend(12, '2026-03-02T12:00:00Z');
    await spend(24, '2026-03-10T12:00:00Z');
    // Last month's spend is not this month's.
    await spend(100, '2026-02-27T12:00:00Z');
    clock = NOW;
    const alertsBefore = alerts.length;

    const forecast = await guardian.getMonthEndForecast();
    // Month to date €36 over 240 h is €0.15/h; the last 24 h €24 is €1/h: the higher wins.
    expect(forecast).toMatchObject({
      scope: 'global',
      period: 'month',
      cap: finops.phases[finops.active_phase]!.monthly_eur_cap,
      spent: 36,
    });
    expect(forecast.ratePerHour).toBeCloseTo(1, 9);
    expect(forecast.projectedMonthEnd).toBeCloseTo(36 + 504, 6);
    expect(alerts.length).toBe(alertsBefore);
  });
});
