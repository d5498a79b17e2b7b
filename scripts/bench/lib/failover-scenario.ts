import type { Knex } from 'knex';
import type { AosConfig } from '../../../src/config/index.ts';
import { createOpenAiProvider } from '../../../src/llm/providers/create-openai-provider.ts';
import { createRouter } from '../../../src/llm/router.ts';
import type { LlmProvider, ProviderName } from '../../../src/llm/types.ts';
import type { Logger } from '../../../src/observability/logger.ts';
import { createBudgetGuardian } from '../../../src/state/budget/budget-guardian.ts';
import { completionBody, startOpenAiDouble } from '../../../test/helpers/openai-double.ts';

/** Outcome of the failover scenario. */
export interface FailoverOutcome {
  requests: number;
  answered: number;
  answeredByPrimary: number;
  answeredByFallback: number;
  primaryFailuresInjected: number;
  breakerOpened: number;
  breakerHalfOpenProbes: number;
}

/** A small deterministic PRNG (mulberry32), so the injected failures are the same every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sends `requests` planning calls through the real router to two local OpenAI-compatible servers:
 * the primary fails `failureRate` of its requests with 500 (and every request during an outage
 * window, to make the breaker open and half-open), the fallback always answers.
 */
export async function runFailoverScenario(options: {
  knex: Knex;
  config: AosConfig;
  logger: Logger;
  requests?: number;
  failureRate?: number;
  concurrency?: number;
}): Promise<FailoverOutcome> {
  const requests = options.requests ?? 1000;
  const failureRate = options.failureRate ?? 0.3;
  const random = seeded(42);
  let injected = 0;
  let clock = 0;
  let outage = false;
  const primary = await startOpenAiDouble(() => {
    if (outage || random() < failureRate) {
      injected += 1;
      return { status: 500, body: { error: { message: 'injected failure' } } };
    }
    return { status: 200, body: completionBody('primary') };
  });
  const fallback = await startOpenAiDouble(() => ({
    status: 200,
    body: completionBody('fallback', undefined, 'Qwen/Qwen2.5-Coder-32B-Instruct'),
  }));
  const providers = new Map<ProviderName, LlmProvider>([
    ['openai', createOpenAiProvider({ apiKey: 'sk-test', baseURL: primary.url })],
    ['local', createOpenAiProvider({ name: 'local', baseURL: fallback.url })],
  ]);
  const config: AosConfig = {
    ...options.config,
    routing: {
      ...options.config.routing,
      failover: { ...options.config.routing.failover, circuit_breaker: { failure_threshold: 5, cooldown_ms: 200 } },
    },
  };
  const guardian = createBudgetGuardian({
    knex: options.knex,
    finops: config.finops,
    alerts: { publish: async () => undefined },
    logger: options.logger,
  });
  const router = createRouter({
    config,
    providers,
    guardian,
    residency: (p) => ({ allow: true, host: new URL(p.endpoint).host, reason: 'test double' }),
    logger: options.logger,
    sleep: async () => undefined,
    now: () => clock,
  });

  const outcome: FailoverOutcome = {
    requests,
    answered: 0,
    answeredByPrimary: 0,
    answeredByFallback: 0,
    primaryFailuresInjected: 0,
    breakerOpened: 0,
    breakerHalfOpenProbes: 0,
  };
  let lastState = 'closed';
  const concurrency = options.concurrency ?? 8;
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const index = next;
      next += 1;
      clock += 10;
      // A 60-request outage of the primary in the middle of the run.
      outage = index >= 400 && index < 460;
      try {
        const result = await router.route('planning', {
          messages: [{ role: 'user', content: `request ${index}` }],
          correlationId: `failover-${index}`,
        });
        outcome.answered += 1;
        if (result.provider === 'openai') outcome.answeredByPrimary += 1;
        else outcome.answeredByFallback += 1;
      } catch {
        // Counted as unanswered.
      }
      const state = router.circuitStates().get('openai') ?? 'closed';
      if (state !== lastState) {
        if (state === 'open') outcome.breakerOpened += 1;
        if (state === 'half-open') outcome.breakerHalfOpenProbes += 1;
        lastState = state;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  outcome.primaryFailuresInjected = injected;
  await primary.close();
  await fallback.close();
  return outcome;
}
