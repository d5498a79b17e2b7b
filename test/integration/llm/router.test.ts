import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, type AosConfig } from '#src/config/index.ts';
import { createAnthropicProvider } from '#src/llm/providers/create-anthropic-provider.ts';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { ProviderError } from '#src/llm/provider-error.ts';
import { routeStructured } from '#src/llm/route-structured.ts';
import { InvalidModelOutput, NoProviderAvailable } from '#src/llm/router-errors.ts';
import { createRouter, type RouterDeps } from '#src/llm/router.ts';
import type { LlmProvider, ProviderName } from '#src/llm/types.ts';
import { createMetrics } from '#src/observability/metrics.ts';
import { BudgetExceeded } from '#src/policy/finops/finops-budget-exceeded.ts';
import { ResidencyViolation } from '#src/policy/residency/residency-violation.ts';
import { createResidencyCheck } from '#src/llm/create-residency-check.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { createLedger } from '#src/state/ledger/ledger.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { completionBody } from '../../helpers/openai-double.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

const OPENAI = 'https://eu.api.openai.com';
const BEDROCK = 'https://bedrock-runtime.eu-central-1.amazonaws.com';
const baseConfig = loadConfig({ configDir: process.cwd() });
const allowAll = (provider: LlmProvider) => ({ allow: true, host: new URL(provider.endpoint).host, reason: 'EU host' });

describe('model router over real SDKs, nock-mocked vendors and real PostgreSQL', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  const build = (overrides: Partial<RouterDeps> & { providers?: Map<ProviderName, LlmProvider>; config?: AosConfig } = {}) => {
    const config = overrides.config ?? baseConfig;
    const sleeps: number[] = [];
    const { logger } = captureLogger();
    const guardian = createBudgetGuardian({
      knex: testDb.db.knex,
      finops: config.finops,
      alerts: { publish: async () => undefined },
      logger,
    });
    const providers =
      overrides.providers ??
      new Map<ProviderName, LlmProvider>([
        ['openai', createOpenAiProvider({ apiKey: 'sk-test-openai', baseURL: `${OPENAI}/v1` })],
        ['anthropic', createAnthropicProvider({ apiKey: 'sk-ant-test', baseURL: BEDROCK })],
      ]);
    const ledger = createLedger({ knex: testDb.db.knex, metrics: createMetrics() });
    const router = createRouter({
      config,
      providers,
      guardian,
      residency: allowAll,
      ledger,
      logger,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      ...overrides,
    });
    return { router, sleeps, ledger, guardian };
  };
  const ask = (runId: string) => ({
    messages: [{ role: 'user' as const, content: 'Plan the change.' }],
    correlationId: runId,
    budget: { runId },
  });

  it('answers through the preferred provider, settles the real usage and records the call', async () => {
    const scope = nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(200, completionBody('the plan', { prompt_tokens: 1000, completion_tokens: 500 }), { 'x-request-id': 'req_1' });
    const { router, ledger } = build();
    const result = await router.route('planning', ask('run-happy'));
    scope.done();
    expect(result).toMatchObject({ provider: 'openai', text: 'the plan', attempts: 1 });
    // gpt-4o: €0.002175 in, €0.0087 out per 1k.
    expect(result.costEur).toBeCloseTo(1 * 0.002175 + 0.5 * 0.0087, 10);
    const spend = await testDb.db.knex('spend').where({ run_id: 'run-happy' }).first();
    expect(spend).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o',
      task: 'planning',
      input_tokens: 1000,
      output_tokens: 500,
      attempts: 1,
    });
    expect(spend.price_table_hash).toMatch(/^[0-9a-f]{64}$/);
    const [event] = await ledger.readEvents('run-happy');
    expect(event).toMatchObject({ type: 'model.call', payload: { provider: 'openai', response: { text: 'the plan' } } });
  });

  it('sets max_completion_tokens from the budget reservation', async () => {
    let sent: Record<string, unknown> = {};
    nock(OPENAI)
      .post('/v1/chat/completions', (body: Record<string, unknown>) => ((sent = body), true))
      .reply(200, completionBody('ok'));
    const { router } = build();
    // €0.05 run cap: the prompt's reservation leaves room for only part of gpt-4o's 16,384 output tokens.
    await router.route('planning', { ...ask('run-tight'), budget: { runId: 'run-tight', runCapEur: 0.05 } });
    expect(sent.max_completion_tokens).toBeGreaterThan(256);
    expect(sent.max_completion_tokens).toBeLessThan(5748);
  });

  it('retries a 429 after its Retry-After, then answers', async () => {
    nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(429, { error: { message: 'slow down' } }, { 'retry-after': '2' });
    nock(OPENAI).post('/v1/chat/completions').reply(200, completionBody('second time'));
    const { router, sleeps } = build();
    const result = await router.route('planning', ask('run-429'));
    expect(result).toMatchObject({ text: 'second time', attempts: 2 });
    expect(sleeps).toEqual([2000]);
  });

  it('fails over to the next provider after retries on 5xx and timeouts are used up', async () => {
    nock(OPENAI)
      .post('/v1/chat/completions')
      .times(2)
      .reply(500, { error: { message: 'boom' } });
    nock(OPENAI).post('/v1/chat/completions').times(2).delay(300).reply(200, completionBody('late'));
    nock(BEDROCK)
      .post('/v1/messages')
      .reply(200, {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-20250514',
        content: [{ type: 'text', text: 'from claude' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 5 },
      });
    const config = { ...baseConfig, routing: { ...baseConfig.routing, failover: { ...baseConfig.routing.failover, timeout_ms: 100 } } };
    const { router, sleeps } = build({ config });
    const result = await router.route('planning', ask('run-failover'));
    expect(result).toMatchObject({ provider: 'anthropic', text: 'from claude', attempts: 5 });
    // Exponential from 500 ms with jitter in the upper half (random() = 0.5 here).
    expect(sleeps).toEqual([375, 750, 1500]);
    expect(result.failoverPath.filter((step) => step.provider === 'openai').map((step) => step.outcome)).toEqual([
      'retried',
      'retried',
      'retried',
      'failed',
    ]);
    // Every failed attempt was released: only the answered call is charged to the run.
    const [run] = (await build().guardian.getRemainingBudget({ provider: 'anthropic', runId: 'run-failover' })).filter(
      (row) => row.scope === 'run',
    );
    expect(run!.reserved).toBe(0);
    nock.abortPendingRequests();
  });

  it('does not retry a 401 and says which key to check, without echoing it', async () => {
    nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(401, { error: { message: 'Incorrect API key provided: sk-test-openai' } });
    const { router } = build();
    const error = await router.route('planning', ask('run-401')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('auth');
    expect((error as ProviderError).message).toContain('OPENAI_API_KEY');
    expect((error as ProviderError).message).not.toContain('sk-test-openai');
  });

  it('refuses over budget before any request is sent', async () => {
    const scope = nock(OPENAI).post('/v1/chat/completions').reply(200, completionBody('never'));
    const { router } = build();
    const error = await router
      .route('planning', { ...ask('run-broke'), budget: { runId: 'run-broke', runCapEur: 0.0001 } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetExceeded);
    expect((error as BudgetExceeded).details.scope).toBe('run');
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });

  it('sends nothing when residency removes every provider, and says why per provider', async () => {
    const scope = nock(OPENAI).post('/v1/chat/completions').reply(200, completionBody('never'));
    const { router, ledger } = build({
      residency: (provider) => ({
        allow: false,
        host: new URL(provider.endpoint).host,
        reason: `${provider.name} endpoint is not an EU host`,
      }),
    });
    const error = await router.route('planning', ask('run-residency')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResidencyViolation);
    expect((error as Error).message).toContain('openai endpoint is not an EU host');
    expect((error as Error).message).toContain('anthropic endpoint is not an EU host');
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
    const [event] = await ledger.readEvents('run-residency');
    expect(event).toMatchObject({ type: 'model.refused' });
    expect((event!.payload as { residency: unknown[] }).residency).toHaveLength(2);
  });

  it("blocks the specification's sample (the global OpenAI host) and sends nothing", async () => {
    const config = loadConfig({ configDir: process.cwd(), env: { OPENAI_BASE_URL: 'https://api.openai.com/v1' } });
    const scope = nock('https://api.openai.com').post('/v1/chat/completions').reply(200, completionBody('never'));
    const providers = new Map<ProviderName, LlmProvider>([
      ['openai', createOpenAiProvider({ apiKey: 'sk-test-openai', baseURL: config.residency.vendors.openai!.endpoint })],
      ['anthropic', createAnthropicProvider({ apiKey: 'sk-ant-test', baseURL: config.residency.vendors.anthropic!.endpoint })],
    ]);
    const { router } = build({ config, providers, residency: createResidencyCheck(config) });
    const error = await router.route('planning', ask('run-global-host')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResidencyViolation);
    expect((error as ResidencyViolation).blocked.map((entry) => entry.provider)).toEqual(['openai', 'anthropic']);
    expect((error as Error).message).toContain('api.openai.com (from OPENAI_BASE_URL) is not an EU host');
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });

  it('allows the local provider on loopback under enforcement', async () => {
    const config = loadConfig({ configDir: process.cwd() });
    const local = createOpenAiProvider({ name: 'local', baseURL: config.residency.vendors.local!.endpoint });
    expect(createResidencyCheck(config)(local)).toMatchObject({ allow: true, host: '127.0.0.1' });
    const openai = createOpenAiProvider({ apiKey: 'sk-x', baseURL: config.residency.vendors.openai!.endpoint });
    expect(createResidencyCheck(config)(openai)).toMatchObject({ allow: true, host: 'eu.api.openai.com' });
  });

  it('moves to a candidate with a larger window on a context-window error', async () => {
    nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(400, {
        error: {
          message: "This model's maximum context length is 128000 tokens",
          code: 'context_length_exceeded',
          type: 'invalid_request_error',
        },
      });
    nock(BEDROCK)
      .post('/v1/messages')
      .reply(200, {
        id: 'msg_2',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-20250514',
        content: [{ type: 'text', text: 'fits' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 5 },
      });
    const { router } = build();
    const result = await router.route('planning', ask('run-window'));
    expect(result).toMatchObject({ provider: 'anthropic', text: 'fits' });
  });

  it('returns validated structured output, repairing one invalid answer', async () => {
    const plan = z.object({ summary: z.string(), steps: z.array(z.string()).min(1) });
    nock(OPENAI)
      .post('/v1/chat/completions')
      .reply(200, completionBody(JSON.stringify({ summary: 'x', steps: [] })));
    let repairPrompt = '';
    nock(OPENAI)
      .post(
        '/v1/chat/completions',
        (body: { messages: Array<{ content: string }> }) => ((repairPrompt = body.messages.at(-1)!.content), true),
      )
      .reply(200, completionBody(JSON.stringify({ summary: 'x', steps: ['edit a.ts'] })));
    const { router } = build();
    const result = await routeStructured(router, 'planning', ask('run-structured'), plan, 'plan');
    expect(result.value).toEqual({ summary: 'x', steps: ['edit a.ts'] });
    expect(result.calls).toHaveLength(2);
    expect(repairPrompt).toContain('steps');
  });

  it('ends with a clear failure when the answer is invalid twice', async () => {
    nock(OPENAI).post('/v1/chat/completions').times(2).reply(200, completionBody('not json at all'));
    const { router } = build();
    const error = await routeStructured(router, 'planning', ask('run-invalid'), z.object({ summary: z.string() }), 'plan').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidModelOutput);
  });

  it('opens the breaker when the only provider keeps failing, then half-opens with one probe', async () => {
    let clock = 0;
    const config = {
      ...baseConfig,
      routing: {
        ...baseConfig.routing,
        failover: { ...baseConfig.routing.failover, max_retries: 0, circuit_breaker: { failure_threshold: 2, cooldown_ms: 1000 } },
      },
    };
    const providers = new Map<ProviderName, LlmProvider>([
      ['openai', createOpenAiProvider({ apiKey: 'sk-test-openai', baseURL: `${OPENAI}/v1` })],
    ]);
    const { router } = build({ config, providers, now: () => clock });
    nock(OPENAI)
      .post('/v1/chat/completions')
      .times(2)
      .reply(503, { error: { message: 'overloaded' } });
    await expect(router.route('planning', ask('run-breaker'))).rejects.toBeInstanceOf(NoProviderAvailable);
    await expect(router.route('planning', ask('run-breaker'))).rejects.toBeInstanceOf(NoProviderAvailable);
    expect(router.circuitStates().get('openai')).toBe('open');
    // Open: refused without a request (nock has no interceptor left; a request would fail differently).
    await expect(router.route('planning', ask('run-breaker'))).rejects.toThrow(/circuit breaker is open/);
    clock += 1000;
    nock(OPENAI).post('/v1/chat/completions').reply(200, completionBody('recovered'));
    await expect(router.route('planning', ask('run-breaker'))).resolves.toMatchObject({ text: 'recovered' });
    expect(router.circuitStates().get('openai')).toBe('closed');
  });
});
