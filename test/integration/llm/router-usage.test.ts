import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import { createAnthropicProvider } from '#src/llm/providers/create-anthropic-provider.ts';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { ProviderError } from '#src/llm/provider-error.ts';
import { createRouter } from '#src/llm/router.ts';
import type { LlmProvider, ProviderName } from '#src/llm/types.ts';
import { isAosError } from '#src/observability/aos-error.ts';
import { createMetrics } from '#src/observability/metrics.ts';
import { BudgetExceeded } from '#src/policy/finops/finops-budget-exceeded.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { createLedger } from '#src/state/ledger/ledger.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { completionBody } from '../../helpers/openai-double.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

const OPENAI = 'https://eu.api.openai.com';
const BEDROCK = 'https://bedrock-runtime.eu-central-1.amazonaws.com';
const config = loadConfig({ configDir: process.cwd() });
const allowAll = (provider: LlmProvider) => ({ allow: true, host: new URL(provider.endpoint).host, reason: 'EU host' });
/** A run cap far below what gpt-4o's 16,384 output tokens would cost, so one reservation takes (almost) all of it. */
const RUN_CAP_EUR = 0.05;

describe('settling the usage a provider reports, over nock-mocked vendors and real PostgreSQL', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
  });
  afterAll(async () => {
    nock.cleanAll();
    await testDb?.drop();
  });

  const build = (only: ProviderName = 'openai') => {
    const { logger, lines } = captureLogger();
    const metrics = createMetrics();
    const guardian = createBudgetGuardian({
      knex: testDb.db.knex,
      finops: config.finops,
      alerts: { publish: async () => undefined },
      logger,
      metrics,
    });
    const provider =
      only === 'openai'
        ? createOpenAiProvider({ apiKey: 'sk-test-openai', baseURL: `${OPENAI}/v1` })
        : createAnthropicProvider({ apiKey: 'sk-ant-test', baseURL: BEDROCK });
    const ledger = createLedger({ knex: testDb.db.knex, metrics });
    const router = createRouter({
      config,
      providers: new Map([[only, provider]]),
      guardian,
      residency: allowAll,
      ledger,
      logger,
      sleep: async () => undefined,
    });
    return { router, guardian, ledger, metrics, logger, lines };
  };
  const ask = (runId: string) => ({
    messages: [{ role: 'user' as const, content: 'Plan the change.' }],
    correlationId: runId,
    budget: { runId, runCapEur: RUN_CAP_EUR },
  });
  const runCounter = async (guardian: ReturnType<typeof build>['guardian'], runId: string) =>
    (await guardian.getRemainingBudget({ runId, runCapEur: RUN_CAP_EUR })).find((row) => row.scope === 'run')!;
  const spendRows = (runId: string) =>
    testDb.db.knex('spend').where({ run_id: runId }).select('cost_eur', 'reserved_eur', 'outcome', 'input_tokens', 'output_tokens');
  const anomalies = async (metrics: ReturnType<typeof createMetrics>, kind: string) =>
    (await metrics.budgetSettleAnomalies.get()).values.find((value) => value.labels.kind === kind)?.value ?? 0;

  /** The second call of a run whose cap is used up: refused before anything is sent. */
  const expectCapHolds = async (router: ReturnType<typeof build>['router'], runId: string) => {
    const second = nock(OPENAI).post('/v1/chat/completions').reply(200, completionBody('must not be asked'));
    const refusal = await router.route('planning', ask(runId)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BudgetExceeded);
    expect((refusal as BudgetExceeded).details.scope).toBe('run');
    expect(second.isDone()).toBe(false);
    nock.cleanAll();
  };

  it('refuses prompt_tokens: -50000000 as a provider error, charges the full reservation, and the cap holds for the next call', async () => {
    const { router, guardian, ledger, metrics } = build();
    nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(200, completionBody('the plan', { prompt_tokens: -50_000_000, completion_tokens: 30 }));
    const error = await router.route('planning', ask('usage-negative')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('provider_invalid_usage');
    expect((error as ProviderError).message).toContain('prompt_tokens');

    const [spend] = await spendRows('usage-negative');
    expect(Number(spend.reserved_eur)).toBeGreaterThan(RUN_CAP_EUR * 0.99);
    expect(Number(spend.cost_eur)).toBe(Number(spend.reserved_eur));
    expect(spend.outcome).toBe('usage_refused');
    const run = await runCounter(guardian, 'usage-negative');
    expect(run.spent).toBe(Number(spend.reserved_eur));
    expect(run.reserved).toBe(0);
    expect(await anomalies(metrics, 'usage_refused')).toBe(1);
    const events = await ledger.readEvents('usage-negative');
    expect(events.map((event) => event.type)).toContain('model.usage_refused');
    expect(events.map((event) => event.type)).not.toContain('model.call');

    await expectCapHolds(router, 'usage-negative');
    expect((await runCounter(guardian, 'usage-negative')).spent).toBe(run.spent);
  });

  it.each([
    ['a fractional prompt_tokens', JSON.stringify(completionBody('x', { prompt_tokens: 12.5, completion_tokens: 30 }))],
    ['a negative completion_tokens', JSON.stringify(completionBody('x', { prompt_tokens: 100, completion_tokens: -1 }))],
    ['prompt_tokens above 10^9', JSON.stringify(completionBody('x', { prompt_tokens: 2_000_000_000, completion_tokens: 30 }))],
    [
      'more tokens than the model’s 128,000-token window',
      JSON.stringify(completionBody('x', { prompt_tokens: 127_990, completion_tokens: 30 })),
    ],
    [
      'an infinite prompt_tokens (1e400)',
      JSON.stringify(completionBody('x', { prompt_tokens: 7, completion_tokens: 30 })).replace(
        '"prompt_tokens":7',
        '"prompt_tokens":1e400',
      ),
    ],
    [
      'a prompt_tokens of "NaN"',
      JSON.stringify(completionBody('x', { prompt_tokens: 7, completion_tokens: 30 })).replace(
        '"prompt_tokens":7',
        '"prompt_tokens":"NaN"',
      ),
    ],
  ])('refuses %s and charges the full reservation', async (name, body) => {
    const runId = `usage-${name.replace(/\W+/g, '-')}`;
    const { router, guardian } = build();
    nock(OPENAI).post('/v1/chat/completions').reply(200, body, { 'content-type': 'application/json' });
    const error = await router.route('planning', ask(runId)).catch((caught: unknown) => caught);
    expect(isAosError(error, 'provider_invalid_usage')).toBe(true);
    const [spend] = await spendRows(runId);
    expect(spend.outcome).toBe('usage_refused');
    expect(Number(spend.cost_eur)).toBe(Number(spend.reserved_eur));
    expect((await runCounter(guardian, runId)).spent).toBeGreaterThan(RUN_CAP_EUR * 0.99);
    await expectCapHolds(router, runId);
  });

  it('refuses an Anthropic cache count that would cancel the input count out', async () => {
    const { router, guardian } = build('anthropic');
    nock(BEDROCK)
      .post('/v1/messages')
      .reply(200, {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-20250514',
        content: [{ type: 'text', text: 'plan' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 100_000, output_tokens: 5, cache_read_input_tokens: -100_000, cache_creation_input_tokens: 0 },
      });
    const error = await router.route('planning', ask('usage-anthropic-cache')).catch((caught: unknown) => caught);
    expect(isAosError(error, 'provider_invalid_usage')).toBe(true);
    expect((error as Error).message).toContain('cache_read_input_tokens');
    const [spend] = await spendRows('usage-anthropic-cache');
    expect(Number(spend.cost_eur)).toBe(Number(spend.reserved_eur));
    expect((await runCounter(guardian, 'usage-anthropic-cache')).spent).toBeGreaterThan(RUN_CAP_EUR * 0.99);
  });

  it('charges usage above the reservation as reported, flags it in the ledger and the metrics, and refuses the next call', async () => {
    const { router, guardian, ledger, metrics } = build();
    // 20,000 in and 2,000 out on gpt-4o cost €0.0609: more than the €0.05 reserved, yet a possible answer.
    nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(200, completionBody('the plan', { prompt_tokens: 20_000, completion_tokens: 2_000 }));
    const result = await router.route('planning', ask('usage-over'));
    expect(result.costEur).toBeCloseTo(20 * 0.002175 + 2 * 0.0087, 10);
    expect(result.costEur).toBeGreaterThan(result.reservedEur);
    const run = await runCounter(guardian, 'usage-over');
    expect(run.spent).toBeCloseTo(result.costEur, 10);
    expect(run.spent).toBeGreaterThan(run.cap);
    const [spend] = await spendRows('usage-over');
    expect(spend).toMatchObject({ input_tokens: 20_000, output_tokens: 2_000, outcome: 'ok' });
    const [call] = (await ledger.readEvents('usage-over')).filter((event) => event.type === 'model.call');
    expect(call!.payload).toMatchObject({ usage_over_reservation: true, cost_eur: result.costEur, reserved_eur: result.reservedEur });
    expect(await anomalies(metrics, 'usage_over_reservation')).toBe(1);

    await expectCapHolds(router, 'usage-over');
  });

  it('flags nothing when the usage is within the reservation', async () => {
    const { router, ledger, metrics } = build();
    nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(200, completionBody('the plan', { prompt_tokens: 1_000, completion_tokens: 500 }));
    await router.route('planning', ask('usage-within'));
    const [call] = (await ledger.readEvents('usage-within')).filter((event) => event.type === 'model.call');
    expect(call!.payload).toMatchObject({ usage_over_reservation: false });
    expect(await anomalies(metrics, 'usage_over_reservation')).toBe(0);
    expect(await anomalies(metrics, 'usage_refused')).toBe(0);
  });

  it("writes the router's and the guardian's lines about a call on the caller's logger, with its correlation fields", async () => {
    const { router, logger, lines } = build();
    const node = logger.child({ correlation_id: 'usage-logged', run_id: 'usage-logged', node: 'planner' });
    nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(200, completionBody('the plan', { prompt_tokens: 20_000, completion_tokens: 2_000 }));
    await router.route('planning', { ...ask('usage-logged'), logger: node });
    const said = (msg: string) => lines.filter((line) => String(line.msg).startsWith(msg));
    expect(said('model call')).toEqual([
      expect.objectContaining({
        correlation_id: 'usage-logged',
        node: 'planner',
        task: 'planning',
        provider: 'openai',
        input_tokens: 20_000,
      }),
    ]);
    expect(said('reported usage is above the reservation')).toEqual([
      expect.objectContaining({ correlation_id: 'usage-logged', run_id: 'usage-logged', node: 'planner' }),
    ]);
    // The run's cap is crossed: its alert line is the node's too.
    const alerts = lines.filter((line) => line.alert !== undefined);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((line) => line.correlation_id === 'usage-logged' && line.node === 'planner')).toBe(true);
  });
});
