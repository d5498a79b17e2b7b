import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { createRouter } from '#src/llm/router.ts';
import type { LlmProvider, ProviderName } from '#src/llm/types.ts';
import { isAosError } from '#src/observability/aos-error.ts';
import { createMetrics } from '#src/observability/metrics.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { createLedger } from '#src/state/ledger/ledger.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { completionBody } from '../../helpers/openai-double.ts';
import { usePostgresDatabase } from '../../helpers/use-postgres-database.ts';

const OPENAI = 'https://eu.api.openai.com';
const config = loadConfig({ configDir: process.cwd() });
const allowAll = (provider: LlmProvider) => ({ allow: true, host: new URL(provider.endpoint).host, reason: 'EU host' });

/**
 * A real database failure, no module mocked: a trigger that makes PostgreSQL refuse the `spend`
 * row of chosen runs: the first insert only for `settle-fail-once` (a sequence, which a rollback
 * does not undo), every insert for `settle-fail-always` while the trigger exists.
 */
const FAILING_SPEND_TRIGGER = `
  CREATE SEQUENCE test_settle_fail_once;
  CREATE FUNCTION test_refuse_spend() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.run_id = 'settle-fail-always' OR (NEW.run_id = 'settle-fail-once' AND nextval('test_settle_fail_once') = 1) THEN
      RAISE EXCEPTION 'test: the database refuses the spend row of %', NEW.run_id;
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER test_refuse_spend BEFORE INSERT ON spend FOR EACH ROW EXECUTE FUNCTION test_refuse_spend();
`;

describe('a settlement the database refuses is charged in full, never released', () => {
  const postgres = usePostgresDatabase();
  beforeAll(async () => {
    if (postgres.serverUrl) await postgres.database.db.knex.raw(FAILING_SPEND_TRIGGER);
  });
  afterAll(() => {
    nock.cleanAll();
  });

  const build = (now?: () => Date) => {
    const { logger } = captureLogger();
    const metrics = createMetrics();
    const knex = postgres.database.db.knex;
    const guardian = createBudgetGuardian({
      knex,
      finops: config.finops,
      alerts: { publish: async () => undefined },
      logger,
      metrics,
      ...(now ? { now } : {}),
    });
    const providers = new Map<ProviderName, LlmProvider>([
      ['openai', createOpenAiProvider({ apiKey: 'sk-test-openai', baseURL: `${OPENAI}/v1` })],
    ]);
    const router = createRouter({
      config,
      providers,
      guardian,
      residency: allowAll,
      ledger: createLedger({ knex, metrics }),
      logger,
      sleep: async () => undefined,
    });
    return { router, guardian, metrics, knex };
  };
  const ask = (runId: string) => ({
    messages: [{ role: 'user' as const, content: 'Plan the change.' }],
    correlationId: runId,
    budget: { runId, runCapEur: 0.05 },
  });
  const runRow = async (guardian: ReturnType<typeof build>['guardian'], runId: string) =>
    (await guardian.getRemainingBudget({ runId, runCapEur: 0.05 })).find((row) => row.scope === 'run')!;
  const settleFailures = async (metrics: ReturnType<typeof createMetrics>) =>
    (await metrics.budgetSettleAnomalies.get()).values.find((value) => value.labels.kind === 'settle_failed')?.value ?? 0;

  it.skipIf(!postgres.serverUrl)('charges the full reservation when the settlement transaction fails once, and answers', async () => {
    const { router, guardian, metrics, knex } = build();
    nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(200, completionBody('the plan', { prompt_tokens: 1_000, completion_tokens: 500 }));
    const result = await router.route('planning', ask('settle-fail-once'));
    expect(result.text).toBe('the plan');
    expect(result.reservedEur).toBeGreaterThan(0.049);
    expect(result.costEur).toBe(result.reservedEur);
    const spend = await knex('spend').where({ run_id: 'settle-fail-once' });
    expect(spend).toHaveLength(1);
    expect(spend[0]).toMatchObject({ outcome: 'settle_failed' });
    expect(Number(spend[0].cost_eur)).toBe(result.reservedEur);
    expect(await runRow(guardian, 'settle-fail-once')).toMatchObject({ spent: result.reservedEur, reserved: 0 });
    const [reservation] = await knex('budget_reservations').where({ run_id: 'settle-fail-once' });
    expect(reservation.status).toBe('settled');
    expect(await settleFailures(metrics)).toBe(1);
  });

  it.skipIf(!postgres.serverUrl)(
    'keeps the reservation held when no settlement can be written, and charges it in full on expiry',
    async () => {
      const { router, guardian, knex } = build();
      nock(OPENAI)
        .post('/v1/chat/completions')
        .reply(200, completionBody('the plan', { prompt_tokens: 1_000, completion_tokens: 500 }));
      const error = await router.route('planning', ask('settle-fail-always')).catch((caught: unknown) => caught);
      expect(isAosError(error, 'budget_settle_failed')).toBe(true);
      const [reservation] = await knex('budget_reservations').where({ run_id: 'settle-fail-always' });
      // Not released: the vendor answered, so the call was billed.
      expect(reservation.status).toBe('reserved');
      const held = await runRow(guardian, 'settle-fail-always');
      expect(held.reserved).toBe(Number(reservation.amount_eur));
      expect(held.spent).toBe(0);

      await knex.raw('DROP TRIGGER test_refuse_spend ON spend');
      const later = build(() => new Date(Date.now() + 16 * 60_000));
      expect(await later.guardian.expireStale()).toBe(1);
      expect(await runRow(later.guardian, 'settle-fail-always')).toMatchObject({ spent: Number(reservation.amount_eur), reserved: 0 });
    },
  );
});
