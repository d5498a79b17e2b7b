import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig, type FinopsConfig } from '#src/config/index.ts';
import { BudgetExceeded } from '#src/policy/finops/finops-budget-exceeded.ts';
import type { BudgetAlert } from '#src/state/budget/budget-alerts.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { databaseEngines } from '../../../helpers/backend-matrix.ts';
import { captureLogger } from '../../../helpers/capture-logger.ts';
import type { TestDatabase } from '../../../helpers/test-database.ts';
import { usePostgresDatabase } from '../../../helpers/use-postgres-database.ts';
import { useTestDatabase } from '../../../helpers/use-test-database.ts';

const run = promisify(execFile);
const baseFinops = loadConfig({ configDir: process.cwd() }).finops;
/** €1 per call exactly: 1,000 output tokens at €1 per 1k, no input. */
const oneEuroCall = {
  model: 'm',
  task: 'coding',
  price: { inputPer1k: 0, outputPer1k: 1 },
  inputTokens: 0,
  desiredMaxTokens: 1000,
  minOutputTokens: 1000,
};

const guardianFor = (testDb: TestDatabase, finops: FinopsConfig = baseFinops, now?: () => Date) => {
  const alerts: BudgetAlert[] = [];
  const guardian = createBudgetGuardian({
    knex: testDb.db.knex,
    finops,
    alerts: { publish: async (alert) => void alerts.push(alert) },
    logger: captureLogger().logger,
    ...(now ? { now } : {}),
  });
  return { guardian, alerts };
};

describe.each(databaseEngines())('budget guardian on $engine', ({ create }) => {
  const testDb = useTestDatabase(create);

  it('never lets 50 concurrent calls spend past a cap that fits 10', async () => {
    const { guardian } = guardianFor(testDb);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, async () => {
        try {
          const reservation = await guardian.reserve({ provider: 'openai', runId: 'race-1', runCapEur: 10 }, oneEuroCall);
          await guardian.settle(reservation.id, { inputTokens: 0, outputTokens: reservation.maxTokens });
          return 'granted';
        } catch (error) {
          expect(error).toBeInstanceOf(BudgetExceeded);
          return 'refused';
        }
      }),
    );
    expect(outcomes.filter((outcome) => outcome === 'granted')).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome === 'refused')).toHaveLength(40);
    const [run] = (await guardian.getRemainingBudget({ provider: 'openai', runId: 'race-1', runCapEur: 10 })).filter(
      (row) => row.scope === 'run',
    );
    expect(run).toMatchObject({ cap: 10, spent: 10, reserved: 0, remaining: 0 });
    const spend = await testDb.db.knex('spend').where({ run_id: 'race-1' }).sum({ total: 'cost_eur' }).first();
    expect(Number(spend!.total)).toBeLessThanOrEqual(10);
  });

  it('sets max tokens from what the cap allows and refunds the unused part', async () => {
    const { guardian } = guardianFor(testDb);
    const context = { provider: 'openai', runId: 'refund-1', runCapEur: 2 };
    const reservation = await guardian.reserve(context, { ...oneEuroCall, desiredMaxTokens: 5000, minOutputTokens: 100 });
    expect(reservation.maxTokens).toBe(2000);
    expect(reservation.amountEur).toBeCloseTo(2, 10);
    const settled = await guardian.settle(reservation.id, { inputTokens: 0, outputTokens: 250 });
    expect(settled).toMatchObject({ costEur: 0.25, refundedEur: 1.75 });
    const again = await guardian.reserve(context, { ...oneEuroCall, desiredMaxTokens: 5000, minOutputTokens: 100 });
    expect(again.maxTokens).toBe(1750);
    await expect(guardian.settle(settled.reservationId, { inputTokens: 0, outputTokens: 1 })).rejects.toThrow(/already settled/);
    await guardian.release(again.id);
    const [run] = (await guardian.getRemainingBudget(context)).filter((row) => row.scope === 'run');
    expect(run).toMatchObject({ spent: 0.25, reserved: 0 });
  });

  it('names the scope, cap, spent, reserved and reset time when it refuses', async () => {
    const now = new Date('2026-11-22T10:00:00Z');
    // A phase of its own, so the global counters are this test's alone.
    const finops: FinopsConfig = {
      ...baseFinops,
      active_phase: 99,
      phases: { ...baseFinops.phases, 99: { daily_eur_cap: 3, monthly_eur_cap: 100, providers: {} } },
    };
    const { guardian } = guardianFor(testDb, finops, () => now);
    const held = await guardian.reserve({ provider: 'anthropic' }, { ...oneEuroCall, desiredMaxTokens: 2500 });
    const refusal = await guardian.reserve({ provider: 'anthropic' }, oneEuroCall).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BudgetExceeded);
    expect((refusal as BudgetExceeded).details).toMatchObject({ scope: 'global', period: 'day', cap: 3, reserved: 2.5, needed: 1 });
    expect((refusal as BudgetExceeded).message).toContain('global daily cap is €3.00');
    expect((refusal as BudgetExceeded).message).toContain('resets 2026-11-23 00:00 UTC');
    await guardian.release(held.id);
  });

  it('enforces the provider daily token ceiling', async () => {
    const finops = {
      ...baseFinops,
      providers: {
        ...baseFinops.providers,
        local: { ...baseFinops.providers.local!, max_tokens_per_request: 1000, max_tokens_per_day: 1500 },
      },
    } as FinopsConfig;
    const { guardian } = guardianFor(testDb, finops);
    const free = {
      model: 'q',
      task: 'qa',
      price: { inputPer1k: 0, outputPer1k: 0 },
      inputTokens: 200,
      desiredMaxTokens: 800,
      minOutputTokens: 100,
    };
    const first = await guardian.reserve({ provider: 'local' }, free);
    expect(first.maxTokens).toBe(800);
    await guardian.settle(first.id, { inputTokens: 200, outputTokens: 800 });
    const second = await guardian.reserve({ provider: 'local' }, free);
    expect(second.maxTokens).toBe(300);
    await guardian.settle(second.id, { inputTokens: 200, outputTokens: 300 });
    await expect(guardian.reserve({ provider: 'local' }, free)).rejects.toThrow(/local daily token ceiling/);
  });

  it('charges an abandoned reservation in full when it expires', async () => {
    const { guardian } = guardianFor(testDb);
    const context = { provider: 'openai', runId: 'expire-1', runCapEur: 5 };
    await guardian.reserve(context, { ...oneEuroCall, ttlMs: -1 });
    expect(await guardian.expireStale()).toBe(1);
    const [run] = (await guardian.getRemainingBudget(context)).filter((row) => row.scope === 'run');
    expect(run).toMatchObject({ spent: 1, reserved: 0 });
  });

  it('charges an abandoned reservation in full at the next reservation, without anyone sweeping by hand', async () => {
    const context = { provider: 'openai', runId: 'expire-2', runCapEur: 5 };
    await guardianFor(testDb).guardian.reserve(context, { ...oneEuroCall, ttlMs: 60_000 });
    // Another process, an hour later: its first reservation charges what the dead one held.
    const later = guardianFor(testDb, baseFinops, () => new Date(Date.now() + 3_600_000)).guardian;
    await later.reserve({ provider: 'openai', runId: 'expire-2-next' }, oneEuroCall);
    const [run] = (await later.getRemainingBudget(context)).filter((row) => row.scope === 'run');
    expect(run).toMatchObject({ spent: 1, reserved: 0 });
    expect(await testDb.db.knex('budget_reservations').where({ run_id: 'expire-2' }).first('status')).toEqual({ status: 'expired' });
  });

  it('alerts once per scope and period at 80% of a cap, across guardians', async () => {
    const first = guardianFor(testDb);
    const second = guardianFor(testDb);
    const context = { provider: 'openai', runId: 'alert-1', runCapEur: 5 };
    for (const [index, { guardian }] of [first, second, first, second, first].entries()) {
      const reservation = await guardian.reserve(context, oneEuroCall);
      await guardian.settle(reservation.id, { inputTokens: 0, outputTokens: 1000 });
      if (index === 2) expect(first.alerts.length + second.alerts.length).toBe(0);
    }
    const runAlerts = [...first.alerts, ...second.alerts].filter((alert) => alert.scope === 'run');
    expect(runAlerts).toHaveLength(1);
    expect(runAlerts[0]!.message).toContain('80% of the run');
    expect(await testDb.db.knex('budget_alerts').where({ scope: 'run', scope_id: 'alert-1' }).count({ n: '*' }).first()).toMatchObject({
      n: expect.anything(),
    });
  });
});

describe('budget guardian across processes', () => {
  const postgres = usePostgresDatabase();
  const pgUrl = postgres.serverUrl;

  it.skipIf(!pgUrl)('keeps 4 processes × 13 concurrent calls within a cap that fits 10', async () => {
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () =>
        run('node', ['--import', 'tsx', 'test/fixtures/scripts/budget-race-worker.ts', postgres.database.url!, 'race-processes', '13'], {
          cwd: process.cwd(),
        }),
      ),
    );
    const results = outputs.map(
      (output) => JSON.parse(output.stdout.trim().split('\n').at(-1)!) as { granted: number; refused: number; spent: number },
    );
    expect(results.reduce((sum, r) => sum + r.granted, 0)).toBe(10);
    expect(results.reduce((sum, r) => sum + r.refused, 0)).toBe(42);
    const spend = await postgres.database.db.knex('spend').where({ run_id: 'race-processes' }).sum({ total: 'cost_eur' }).first();
    expect(Number(spend!.total)).toBe(10);
  });
});
