import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import { estimateInputTokens } from '#src/llm/estimate-tokens.ts';
import { planCall, windowTooSmall, type CallPlanInput, type PlannedCall, type PlannedStep } from '#src/llm/plan-call.ts';
import type { ChatMessage } from '#src/llm/types.ts';
import { healthWith } from '../../fixtures/routing-cases.ts';

const { routing, finops } = loadConfig({ configDir: process.cwd() });
type PlanConfig = CallPlanInput['config'];

/** The shipped routing and prices, edited. */
const configWith = (edit: (config: PlanConfig) => void = () => undefined): PlanConfig => {
  const config = structuredClone({ routing, finops });
  edit(config);
  return config;
};
const prompt = (characters: number): ChatMessage[] => [{ role: 'user', content: 'x'.repeat(characters) }];
const plan = (overrides: Partial<CallPlanInput> = {}) =>
  planCall({ task: 'planning', request: { messages: prompt(100) }, config: configWith(), health: healthWith({}), ...overrides });
/** The steps of a plan that was not refused. */
const stepsOf = (overrides: Partial<CallPlanInput> = {}): PlannedStep[] => {
  const result = plan(overrides);
  if (result.refused) throw new Error(`refused: ${result.refused}`);
  return result.steps;
};
const calls = (steps: PlannedStep[]): PlannedCall[] => steps.flatMap((step) => ('call' in step ? [step.call] : []));
const byProvider = (steps: PlannedStep[]) => Object.fromEntries(calls(steps).map((call) => [call.provider, call.desiredMaxTokens]));

describe('planCall', () => {
  it('plans every candidate in route order with its price, window, prompt estimate and budget scopes', () => {
    const messages = prompt(100);
    const steps = stepsOf({ request: { messages, budget: { runId: 'run-1', runCapEur: 2 } } });
    expect(calls(steps).map((call) => call.provider)).toEqual(['openai', 'local', 'anthropic']);
    expect(calls(steps)[0]).toEqual({
      provider: 'openai',
      model: 'gpt-4o',
      price: { inputPer1k: 0.002175, outputPer1k: 0.0087 },
      contextWindow: 128_000,
      budget: { runId: 'run-1', runCapEur: 2, provider: 'openai' },
      inputTokens: estimateInputTokens(messages),
      desiredMaxTokens: 16_384,
      minOutputTokens: 256,
    });
  });

  it('never plans a model without a price, and plans nothing when no model has one', () => {
    const unpriced = configWith((config) => delete config.finops.providers.openai!.models['gpt-4o']);
    const result = plan({ config: unpriced });
    expect(result.refused).toBe(false);
    expect(calls(stepsOf({ config: unpriced })).map((call) => call.provider)).not.toContain('openai');
    expect(result.skipped).toEqual([
      { provider: 'openai', outcome: 'skipped', reason: 'openai model gpt-4o has no price in configs/model_routing.yaml' },
    ]);
    const nothingPriced = configWith((config) => {
      for (const limits of Object.values(config.finops.providers)) limits.models = {};
    });
    expect(stepsOf({ config: nothingPriced })).toEqual([]);
  });

  it('skips a non-compliant provider, and refuses when residency leaves nothing to call', () => {
    const blocked = { residency: { allow: false, reason: 'api.openai.com is not an EU host' } };
    expect(calls(stepsOf({ health: healthWith({ openai: blocked }) })).map((call) => call.provider)).toEqual(['local', 'anthropic']);
    const refused = plan({ health: healthWith({ openai: blocked, anthropic: { configured: false }, local: { circuit: 'open' } }) });
    expect(refused).toEqual({
      refused: 'residency',
      blocked: [{ provider: 'openai', reason: 'api.openai.com is not an EU host' }],
      skipped: [
        { provider: 'openai', outcome: 'skipped', reason: 'api.openai.com is not an EU host' },
        { provider: 'anthropic', outcome: 'skipped', reason: 'anthropic is not configured' },
        { provider: 'local', outcome: 'skipped', reason: 'local is failing: its circuit breaker is open' },
      ],
    });
    // Nothing configured at all is no residency matter: the call finds no provider instead.
    const unconfigured = plan({
      health: healthWith({ openai: { configured: false }, anthropic: { configured: false }, local: { configured: false } }),
    });
    expect(unconfigured).toMatchObject({ refused: false, steps: [] });
  });

  it('says how to configure a missing provider when given a hint', () => {
    const result = plan({
      health: healthWith({ openai: { configured: false } }),
      missingHint: (provider) => `set ${provider.toUpperCase()}_API_KEY`,
    });
    expect(result.skipped).toEqual([{ provider: 'openai', outcome: 'skipped', reason: 'not configured: set OPENAI_API_KEY' }]);
  });

  it("reserves at most the model's output limit, whatever the caller asks", () => {
    expect(byProvider(stepsOf())).toEqual({ openai: 16_384, anthropic: 64_000, local: 8192 });
    expect(byProvider(stepsOf({ request: { messages: prompt(100), maxOutputTokens: 1000 } }))).toEqual({
      openai: 1000,
      anthropic: 1000,
      local: 1000,
    });
    expect(byProvider(stepsOf({ request: { messages: prompt(100), maxOutputTokens: 100_000 } }))).toEqual({
      openai: 16_384,
      anthropic: 64_000,
      local: 8192,
    });
  });

  it("caps the reservation at the task's max_tokens and at what the prompt leaves of the per-request ceiling", () => {
    const taskCapped = configWith((config) => void (config.routing.task_types.planning.max_tokens = 4000));
    expect(byProvider(stepsOf({ config: taskCapped }))).toEqual({ openai: 4000, anthropic: 4000, local: 4000 });
    const ceiling = configWith((config) => void (config.finops.providers.openai!.max_tokens_per_request = 3000));
    const input = estimateInputTokens(prompt(100));
    expect(byProvider(stepsOf({ config: ceiling })).openai).toBe(3000 - input);
  });

  it("caps the reservation at what the prompt leaves of the model's window, and skips a provider whose ceiling the prompt overflows", () => {
    const messages = prompt(240_000);
    const input = estimateInputTokens(messages);
    const steps = stepsOf({ request: { messages } });
    expect(byProvider(steps)).toEqual({ openai: 128_000 - input, anthropic: 64_000 });
    // The skip keeps its place in route order.
    expect(steps[1]).toEqual({
      skip: {
        provider: 'local',
        model: 'Qwen/Qwen2.5-Coder-32B-Instruct',
        outcome: 'skipped',
        reason: `the prompt (~${input} tokens) does not fit local's ceiling of 32768 tokens per request (policies/finops.yaml phases.${finops.active_phase}.providers.local.max_tokens)`,
      },
    });
  });

  it('skips a model whose window cannot hold the prompt and the least useful answer', () => {
    const small = configWith((config) => void (config.finops.providers.openai!.models['gpt-4o']!.context_window = 1000));
    const messages = prompt(1800);
    const [first] = stepsOf({ config: small, request: { messages } });
    expect(first).toEqual({
      skip: windowTooSmall({ provider: 'openai', model: 'gpt-4o', contextWindow: 1000, inputTokens: estimateInputTokens(messages) }),
    });
    expect(windowTooSmall({ provider: 'openai', model: 'gpt-4o', contextWindow: 1000, inputTokens: 916 }).reason).toBe(
      "the prompt (~916 tokens) does not fit gpt-4o's 1000-token window",
    );
  });

  it('refuses a candidate below 256 output tokens by default, and below the caller’s minimum when given', () => {
    // A window that leaves 200 output tokens: too few by default, enough for a caller content with 100.
    const messages = prompt(1800);
    const tight = configWith(
      (config) => void (config.finops.providers.openai!.models['gpt-4o']!.context_window = estimateInputTokens(messages) + 200),
    );
    expect(stepsOf({ config: tight, request: { messages } })[0]).toHaveProperty('skip');
    const planned = stepsOf({ config: tight, request: { messages, minOutputTokens: 100 } })[0];
    expect(planned).toMatchObject({ call: { provider: 'openai', desiredMaxTokens: 200, minOutputTokens: 100 } });
  });
});
