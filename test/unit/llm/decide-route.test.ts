import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import { decideRoute } from '#src/llm/decide-route.ts';
import { healthWith, ROUTING_CASES } from '../../fixtures/routing-cases.ts';

const { routing, finops } = loadConfig({ configDir: process.cwd() });

describe('decideRoute', () => {
  it.each(ROUTING_CASES)('$name → $expected', ({ task, health, expected }) => {
    const decision = decideRoute(task, routing, finops, healthWith(health));
    expect(decision.candidates[0]?.provider ?? null).toBe(expected);
  });

  it('lists every skipped provider with its cause and reason', () => {
    const decision = decideRoute(
      'planning',
      routing,
      finops,
      healthWith({ openai: { residency: { allow: false, reason: 'api.openai.com is not an EU host' } }, local: { circuit: 'open' } }),
    );
    expect(decision.candidates.map((candidate) => candidate.provider)).toEqual(['anthropic']);
    expect(decision.skipped).toEqual([
      { provider: 'openai', cause: 'residency', reason: 'api.openai.com is not an EU host' },
      { provider: 'local', cause: 'circuit_open', reason: 'local is failing: its circuit breaker is open' },
    ]);
  });

  it('ranks fallbacks by the weights: a cheaper fallback first when the cost weight dominates', () => {
    const costly = { ...routing, weights: { cost: 0, latency: 0, accuracy: 1 } };
    const byAccuracy = decideRoute('planning', costly, finops, healthWith({}));
    expect(byAccuracy.candidates.map((candidate) => candidate.provider)).toEqual(['openai', 'anthropic', 'local']);
    const byCost = decideRoute('planning', { ...routing, weights: { cost: 1, latency: 0, accuracy: 0 } }, finops, healthWith({}));
    expect(byCost.candidates.map((candidate) => candidate.provider)).toEqual(['openai', 'local', 'anthropic']);
  });
});
