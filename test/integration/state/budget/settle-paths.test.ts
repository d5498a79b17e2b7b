import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { databaseEngines } from '../../../helpers/backend-matrix.ts';
import { captureLogger } from '../../../helpers/capture-logger.ts';
import type { TestDatabase } from '../../../helpers/test-database.ts';
import { useTestDatabase } from '../../../helpers/use-test-database.ts';

const finops = loadConfig({ configDir: process.cwd() }).finops;
const call = {
  model: 'm',
  task: 'coding',
  price: { inputPer1k: 0.5, outputPer1k: 1.5 },
  inputTokens: 800,
  desiredMaxTokens: 1000,
  minOutputTokens: 100,
};
const usage = { inputTokens: 700, outputTokens: 333 };

const guardianOn = (testDb: TestDatabase) =>
  createBudgetGuardian({ knex: testDb.db.knex, finops, alerts: { publish: async () => undefined }, logger: captureLogger().logger });

describe.each(databaseEngines())('settling on $engine, by the process that reserved or by another', ({ create }) => {
  const testDb = useTestDatabase(create);

  const spendOf = async (runId: string) => {
    const rows = (await testDb.db.knex('spend').where({ run_id: runId })) as Array<Record<string, unknown>>;
    return rows.map(
      ({ id: _id, reservation_id: _reservation, run_id: _run, correlation_id: _correlation, created_at: _at, ...rest }) => rest,
    );
  };
  const countersOf = async (runId: string) =>
    (
      (await testDb.db.knex('budget_counters').where({ scope: 'run', scope_id: runId }).select('spent', 'reserved', 'unit')) as Array<{
        spent: number | string;
        reserved: number | string;
        unit: string;
      }>
    ).map((row) => ({ spent: Number(row.spent), reserved: Number(row.reserved), unit: row.unit }));

  it('charges, refunds and records the same, and refuses a second settlement either way', async () => {
    const reserving = guardianOn(testDb);
    const other = guardianOn(testDb);
    const own = await reserving.reserve({ provider: 'openai', runId: 'settle-own', runCapEur: 5 }, call);
    const foreign = await reserving.reserve({ provider: 'openai', runId: 'settle-foreign', runCapEur: 5 }, call);

    // The reserving process settles from the row it still knows; the other reads it from the database.
    const byOwner = await reserving.settle(own.id, usage, { latencyMs: 12, attempts: 1 });
    const byOther = await other.settle(foreign.id, usage, { latencyMs: 12, attempts: 1 });
    const { reservationId: _a, counters: ownCounters, ...ownSpend } = byOwner;
    const { reservationId: _b, counters: otherCounters, ...otherSpend } = byOther;
    expect(ownSpend).toEqual(otherSpend);
    expect(ownSpend).toMatchObject({ charged: 'usage', refundedEur: expect.any(Number) });
    expect(ownSpend.costEur).toBeCloseTo((700 * 0.5 + 333 * 1.5) / 1000, 12);
    // Global counters moved between the two settlements; each run's own counter must read the same.
    const runCounter = (counters: typeof ownCounters) => counters.filter((c) => c.scope === 'run').map(({ scopeId: _id, ...rest }) => rest);
    expect(runCounter(ownCounters)).toEqual(runCounter(otherCounters));
    expect(runCounter(ownCounters)).toHaveLength(1);
    expect(await spendOf('settle-own')).toEqual(await spendOf('settle-foreign'));
    expect(await countersOf('settle-own')).toEqual(await countersOf('settle-foreign'));
    expect(await countersOf('settle-own')).toEqual([{ spent: ownSpend.costEur, reserved: 0, unit: 'eur' }]);

    await expect(reserving.settle(own.id, usage)).rejects.toThrow(/already settled/);
    await expect(other.settle(own.id, usage)).rejects.toThrow(/already settled/);
    expect(await spendOf('settle-own')).toHaveLength(1);
  });

  it('does not settle from the remembered row a reservation another process closed', async () => {
    const reserving = guardianOn(testDb);
    const reservation = await reserving.reserve({ provider: 'openai', runId: 'settle-raced', runCapEur: 5 }, call);
    await guardianOn(testDb).settle(reservation.id, usage);
    await expect(reserving.settle(reservation.id, { inputTokens: 1, outputTokens: 1 })).rejects.toThrow(/already settled/);
    const spend = await spendOf('settle-raced');
    expect(spend).toHaveLength(1);
    expect(spend[0]).toMatchObject({ input_tokens: 700, output_tokens: 333 });
  });
});
