import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { NoProviderAvailable } from '#src/llm/router-errors.ts';
import { createRouter } from '#src/llm/router.ts';
import type { LlmProvider, ProviderName } from '#src/llm/types.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { createCircuitStore } from '#src/state/circuit/circuit-store.ts';
import { recordCircuitTransitions } from '#src/state/circuit/record-circuit-transitions.ts';
import { databaseEngines } from '../../../helpers/backend-matrix.ts';
import { captureLogger } from '../../../helpers/capture-logger.ts';
import { completionBody } from '../../../helpers/openai-double.ts';
import type { TestDatabase } from '../../../helpers/test-database.ts';

const OPENAI = 'https://eu.api.openai.com';
const baseConfig = loadConfig({ configDir: process.cwd() });

describe.each(databaseEngines())('circuit breaker transitions recorded in the database ($engine)', ({ create }) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await create();
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it("shows another reader a router's open breaker, until its probe succeeds", async () => {
    const start = Date.now();
    let clock = start;
    const { logger } = captureLogger();
    const knex = testDb.db.knex;
    const config = {
      ...baseConfig,
      routing: {
        ...baseConfig.routing,
        failover: { ...baseConfig.routing.failover, max_retries: 0, circuit_breaker: { failure_threshold: 2, cooldown_ms: 60_000 } },
      },
    };
    const record = recordCircuitTransitions({ store: createCircuitStore(knex, () => new Date(clock)), processId: 'web-1:4242', logger });
    const router = createRouter({
      config,
      providers: new Map<ProviderName, LlmProvider>([['openai', createOpenAiProvider({ apiKey: 'sk-test', baseURL: `${OPENAI}/v1` })]]),
      guardian: createBudgetGuardian({ knex, finops: config.finops, alerts: { publish: async () => undefined }, logger }),
      residency: (provider) => ({ allow: true, host: new URL(provider.endpoint).host, reason: 'EU host' }),
      logger,
      sleep: async () => undefined,
      now: () => clock,
      onCircuitChange: record,
    });
    const ask = { messages: [{ role: 'user' as const, content: 'Plan.' }], correlationId: 'run-circuit', budget: { runId: 'run-circuit' } };
    // Another process's view: its own store on the same database.
    const reader = createCircuitStore(knex, () => new Date(clock));

    nock(OPENAI)
      .post('/v1/chat/completions')
      .times(2)
      .reply(503, { error: { message: 'overloaded' } });
    await expect(router.route('planning', ask)).rejects.toBeInstanceOf(NoProviderAvailable);
    await record.settled();
    expect(await reader.listOpen()).toEqual([]);
    await expect(router.route('planning', ask)).rejects.toBeInstanceOf(NoProviderAvailable);
    await record.settled();
    expect(await reader.listOpen()).toEqual([
      {
        provider: 'openai',
        process: 'web-1:4242',
        failures: 2,
        openedAt: new Date(start),
        retryAt: new Date(start + 60_000),
      },
    ]);

    clock += 60_000;
    nock(OPENAI).post('/v1/chat/completions').reply(200, completionBody('recovered'));
    await expect(router.route('planning', ask)).resolves.toMatchObject({ text: 'recovered' });
    await record.settled();
    expect(await reader.listOpen()).toEqual([]);
  });

  it("keeps each process's breaker apart and forgets one whose cooldown ended a day ago", async () => {
    let now = new Date('2026-11-22T10:00:00Z');
    const store = createCircuitStore(testDb.db.knex, () => now);
    const opened = { state: 'open' as const, failures: 3, openedAt: now.getTime(), retryAt: now.getTime() + 30_000 };
    await store.record('web-1:1', 'anthropic', opened);
    await store.record('worker-2:2', 'anthropic', { ...opened, failures: 7 });
    await store.record('worker-2:2', 'anthropic', { ...opened, failures: 8 });
    expect((await store.listOpen()).map((row) => [row.process, row.failures])).toEqual([
      ['web-1:1', 3],
      ['worker-2:2', 8],
    ]);
    await store.record('web-1:1', 'anthropic', { state: 'closed' });
    expect((await store.listOpen()).map((row) => row.process)).toEqual(['worker-2:2']);
    now = new Date(now.getTime() + 30_000 + 86_400_000 + 1);
    expect(await store.listOpen()).toEqual([]);
    await store.record('web-3:3', 'local', { state: 'closed' });
    expect(await testDb.db.knex('circuit_breakers').count({ rows: '*' })).toEqual([{ rows: 0 }]);
  });
});
