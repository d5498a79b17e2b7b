import { describe, expect, it } from 'vitest';
import { parseYamlText, routingSchema } from '#src/config/index.ts';
import { thrown } from './temp-config-dir.ts';

const ROUTING = `weights:
  cost: 0.4
  latency: 0.3
  accuracy: 0.3
task_types:
  planning: { preferred_provider: openai, fallback: local, max_tokens: 4000 }
  coding: { preferred_provider: openai, fallback: [local] }
  review: { preferred_provider: local, fallback: openai }
failover:
  max_retries: 3
  retry_delay_ms: 500
  fallback_provider: local
providers:
  openai:
    models: { planning: gpt-4o, coding: gpt-4o, review: gpt-4o }
    base_latency_ms: 800
    accuracy: 0.9
    cost_per_1k_tokens: { gpt-4o: 0.0025 }
  local:
    models: { planning: qwen, coding: qwen, review: qwen }
    base_latency_ms: 300
    cost_per_1k_tokens: { qwen: 0 }
`;

const parse = (text: string) => parseYamlText(text, routingSchema, 'configs/model_routing.yaml');

describe('routingSchema', () => {
  it('lets qa mirror review when qa is omitted, reads fallback as a list and fills the aos defaults', () => {
    const routing = parse(ROUTING);
    expect(routing.task_types.qa).toEqual({ preferred_provider: 'local', fallback: ['openai'], max_tokens: undefined });
    expect(routing.task_types.planning).toEqual({ preferred_provider: 'openai', fallback: ['local'], max_tokens: 4000 });
    expect(routing.providers.openai?.models.qa).toBe('gpt-4o');
    expect(routing.providers.local?.accuracy).toBe(0.5);
    expect(routing.failover).toEqual({
      max_retries: 3,
      retry_delay_ms: 500,
      fallback_provider: 'local',
      timeout_ms: 120000,
      circuit_breaker: { failure_threshold: 5, cooldown_ms: 30000 },
    });
  });

  it('refuses weights that do not sum to 1', () => {
    const error = thrown(() => parse(ROUTING.replace('cost: 0.4', 'cost: 0.5')));
    expect(error.message).toBe(
      'configs/model_routing.yaml:1: weights: weights must sum to 1 (cost 0.5 + latency 0.3 + accuracy 0.3 = 1.1)',
    );
  });

  it('accepts weights whose decimal sum is 1 despite floating-point error', () => {
    expect(parse(ROUTING.replace('cost: 0.4', 'cost: 0.1').replace('latency: 0.3', 'latency: 0.6')).weights.cost).toBe(0.1);
  });

  it('refuses a route naming a provider without scores, once even when qa mirrors review', () => {
    const error = thrown(() => parse(ROUTING.replace('review: { preferred_provider: local', 'review: { preferred_provider: mistral')));
    expect(error.message).toBe(
      "configs/model_routing.yaml:8: task_types.review.preferred_provider: provider 'mistral' has no entry under providers in this file",
    );
  });

  it('refuses a provider listed twice in one route', () => {
    const error = thrown(() =>
      parse(
        ROUTING.replace(
          'coding: { preferred_provider: openai, fallback: [local]',
          'coding: { preferred_provider: openai, fallback: [local, openai]',
        ),
      ),
    );
    expect(error.message).toBe(
      "configs/model_routing.yaml:7: task_types.coding.fallback[1]: provider 'openai' is listed twice in this route",
    );
  });

  it('refuses scores outside 0..1', () => {
    const error = thrown(() => parse(ROUTING.replace('accuracy: 0.9', 'accuracy: 9')));
    expect(error.message).toBe('configs/model_routing.yaml:17: providers.openai.accuracy: a score must be between 0 and 1');
  });
});
