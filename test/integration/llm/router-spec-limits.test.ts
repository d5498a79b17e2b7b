import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AosConfig } from '#src/config/index.ts';
import { createResidencyCheck } from '#src/llm/create-residency-check.ts';
import { estimateInputTokens } from '#src/llm/estimate-tokens.ts';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { NoProviderAvailable } from '#src/llm/router-errors.ts';
import { createRouter } from '#src/llm/router.ts';
import type { LlmProvider, ProviderName } from '#src/llm/types.ts';
import { createMetrics } from '#src/observability/metrics.ts';
import { createBudgetGuardian } from '#src/state/budget/budget-guardian.ts';
import { createLedger } from '#src/state/ledger/ledger.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { completionBody, startOpenAiDouble } from '../../helpers/openai-double.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { makeConfigDir, SHIPPED, SPEC_SAMPLES } from '../../unit/config/temp-config-dir.ts';

const ALL_SAMPLES = Object.fromEntries(SHIPPED.map((file) => [file, SPEC_SAMPLES]));

describe("the router on the specification's sample configuration", () => {
  let testDb: TestDatabase;
  let model: Awaited<ReturnType<typeof startOpenAiDouble>>;
  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    model = await startOpenAiDouble(() => ({
      status: 200,
      body: completionBody('ok', { prompt_tokens: 50, completion_tokens: 10 }, 'local-llm'),
    }));
  });
  afterAll(async () => {
    await model?.close();
    await testDb?.drop();
  });

  /** Samples (edited), with the local endpoint on the double; openai and anthropic have no key. */
  const build = (edits: Record<string, (text: string) => string> = {}) => {
    const config: AosConfig = loadConfig({
      configDir: makeConfigDir(edits, ALL_SAMPLES),
      env: { AOS_LOCAL_LLM_URL: model.url },
      onWarning: () => undefined,
    });
    const { logger } = captureLogger();
    const guardian = createBudgetGuardian({
      knex: testDb.db.knex,
      finops: config.finops,
      alerts: { publish: async () => undefined },
      logger,
    });
    const providers = new Map<ProviderName, LlmProvider>([
      ['local', createOpenAiProvider({ name: 'local', baseURL: config.residency.vendors.local!.endpoint })],
    ]);
    const ledger = createLedger({ knex: testDb.db.knex, metrics: createMetrics() });
    return { router: createRouter({ config, providers, guardian, residency: createResidencyCheck(config), ledger, logger }), ledger };
  };
  const ask = (runId: string, content = 'Plan the change.') => ({
    messages: [{ role: 'user' as const, content }],
    correlationId: runId,
    budget: { runId },
  });

  it("asks for no more output than the task's max_tokens", async () => {
    const { router } = build();
    const before = model.requests.length;
    await router.route('planning', ask('spec-planning'));
    await router.route('coding', ask('spec-coding'));
    expect(model.requests.slice(before).map((body) => [body.model, body.max_tokens])).toEqual([
      ['local-llm', 4000],
      ['local-llm', 16000],
    ]);
  });

  it("keeps prompt plus completion within the phase's per-request max_tokens of the provider", async () => {
    const { router } = build({ 'policies/finops.yaml': (text) => text.replace('max_tokens: 100000', 'max_tokens: 3000') });
    const before = model.requests.length;
    await router.route('planning', ask('spec-ceiling'));
    const input = estimateInputTokens([{ role: 'user', content: 'Plan the change.' }]);
    expect(model.requests.slice(before).map((body) => body.max_tokens)).toEqual([3000 - input]);
  });

  it('sends nothing when the prompt alone exceeds the per-request ceiling, and says which setting', async () => {
    const { router } = build({ 'policies/finops.yaml': (text) => text.replace('max_tokens: 100000', 'max_tokens: 300') });
    const before = model.requests.length;
    const error = await router.route('planning', ask('spec-too-long', 'x'.repeat(2000))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoProviderAvailable);
    expect(model.requests.length).toBe(before);
    expect((error as NoProviderAvailable).message).toContain(
      "does not fit local's ceiling of 300 tokens per request (policies/finops.yaml phases.1.providers.local.max_tokens)",
    );
  });

  it('records the residency decision of every provider with each call, or only refusals when log_all_requests is false', async () => {
    const logged = build();
    await logged.router.route('planning', ask('spec-log-all'));
    const [all] = await logged.ledger.readEvents('spec-log-all');
    expect((all!.payload as { residency: Array<{ provider: string }> }).residency.map((entry) => entry.provider)).toEqual(['local']);
    const quiet = build({ 'configs/vendor_residency.yaml': (text) => text.replace('log_all_requests: true', 'log_all_requests: false') });
    await quiet.router.route('planning', ask('spec-log-refusals'));
    const [some] = await quiet.ledger.readEvents('spec-log-refusals');
    expect((some!.payload as { residency: unknown[] }).residency).toEqual([]);
  });
});
