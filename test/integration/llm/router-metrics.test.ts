import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AosConfig } from '#src/config/index.ts';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { NoProviderAvailable } from '#src/llm/router-errors.ts';
import { createRouter } from '#src/llm/router.ts';
import type { LlmProvider, ProviderName } from '#src/llm/types.ts';
import { createMetrics } from '#src/observability/metrics.ts';
import { ResidencyViolation } from '#src/policy/residency/residency-violation.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { completionBody } from '../../helpers/openai-double.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

const OPENAI = 'https://eu.api.openai.com';
const baseConfig = loadConfig({ configDir: process.cwd() });
// Two failures open the breaker; no retries, so each route is one attempt.
const breakerConfig: AosConfig = {
  ...baseConfig,
  routing: {
    ...baseConfig.routing,
    failover: { ...baseConfig.routing.failover, max_retries: 0, circuit_breaker: { failure_threshold: 2, cooldown_ms: 1000 } },
  },
};

describe('the router moves the live alert counters (real PostgreSQL or PGlite, nock-mocked vendor)', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  const build = (options: { config?: AosConfig; allow?: boolean; now?: () => number }) => {
    const config = options.config ?? baseConfig;
    const { logger } = captureLogger();
    const metrics = createMetrics();
    const guardian = createBudgetGuardian({
      knex: testDb.db.knex,
      finops: config.finops,
      alerts: { publish: async () => undefined },
      logger,
    });
    const providers = new Map<ProviderName, LlmProvider>([
      ['openai', createOpenAiProvider({ apiKey: 'sk-test-openai', baseURL: `${OPENAI}/v1` })],
    ]);
    const router = createRouter({
      config,
      providers,
      guardian,
      residency: (provider) => ({ allow: options.allow ?? true, host: new URL(provider.endpoint).host, reason: 'decided by the test' }),
      logger,
      metrics,
      sleep: async () => undefined,
      ...(options.now ? { now: options.now } : {}),
    });
    return { router, metrics };
  };
  const ask = (runId: string) => ({
    messages: [{ role: 'user' as const, content: 'Plan the change.' }],
    correlationId: runId,
    budget: { runId },
  });

  it('counts a call refused by residency under its task, once, with nothing sent', async () => {
    const scope = nock(OPENAI).post('/v1/chat/completions').reply(200, completionBody('never'));
    const { router, metrics } = build({ allow: false });
    await expect(router.route('coding', ask('run-metrics-residency'))).rejects.toBeInstanceOf(ResidencyViolation);
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
    const text = await metrics.registry.metrics();
    expect(text).toContain('aos_residency_violations_total{task="coding"} 1');
    expect(text).toContain('aos_residency_violations_total{task="planning"} 0');
  });

  it('has an openings series at 0 for every routed provider, and counts each opening of a breaker', async () => {
    let clock = 0;
    const { router, metrics } = build({ config: breakerConfig, now: () => clock });
    const openings = async () =>
      (await metrics.registry.metrics()).match(/^aos_circuit_breaker_openings_total\{provider="(\w+)"\} (\d+)$/gm);
    expect(await openings()).toEqual([
      'aos_circuit_breaker_openings_total{provider="openai"} 0',
      'aos_circuit_breaker_openings_total{provider="anthropic"} 0',
      'aos_circuit_breaker_openings_total{provider="local"} 0',
    ]);
    nock(OPENAI)
      .post('/v1/chat/completions')
      .times(3)
      .reply(503, { error: { message: 'overloaded' } });
    await expect(router.route('planning', ask('run-metrics-breaker'))).rejects.toBeInstanceOf(NoProviderAvailable);
    expect(await openings()).toContain('aos_circuit_breaker_openings_total{provider="openai"} 0');
    await expect(router.route('planning', ask('run-metrics-breaker'))).rejects.toBeInstanceOf(NoProviderAvailable);
    expect(await openings()).toContain('aos_circuit_breaker_openings_total{provider="openai"} 1');
    // The half-open probe fails: a second opening.
    clock += 1000;
    await expect(router.route('planning', ask('run-metrics-breaker'))).rejects.toBeInstanceOf(NoProviderAvailable);
    expect(await openings()).toContain('aos_circuit_breaker_openings_total{provider="openai"} 2');
    expect(router.circuitStates().get('openai')).toBe('open');
  });
});
