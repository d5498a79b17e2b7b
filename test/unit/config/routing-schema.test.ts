import { describe, expect, it } from 'vitest';
import { parseYamlText, routingSchema } from '../../../src/config/index.ts';
import { thrown } from './temp-config-dir.ts';

const ROUTING = `weights:
  cost: 0.4
  latency: 0.3
  accuracy: 0.3
task_types:
  planning: { preferred: openai, fallbacks: [local] }
  coding: { preferred: openai, fallbacks: [local] }
  review: { preferred: local, fallbacks: [openai] }
failover:
  max_retries: 3
  retry_delay_ms: 500
  timeout_ms: 60000
  circuit_breaker: { failure_threshold: 5, cooldown_ms: 30000 }
providers:
  openai: { model: gpt-4o, latency: 0.8, accuracy: 0.9 }
  local: { model: qwen, latency: 0.5, accuracy: 0.6 }
`;

const parse = (text: string) => parseYamlText(text, routingSchema, 'configs/model_routing.yaml');

describe('routingSchema', () => {
  it('lets qa mirror review when qa is omitted', () => {
    expect(parse(ROUTING).task_types.qa).toEqual({ preferred: 'local', fallbacks: ['openai'] });
  });

  it('refuses weights that do not sum to 1', () => {
    const error = thrown(() => parse(ROUTING.replace('cost: 0.4', 'cost: 0.5')));
    expect(error.message).toBe('configs/model_routing.yaml:1: weights: weights must sum to 1 (cost 0.5 + latency 0.3 + accuracy 0.3 = 1.1)');
  });

  it('accepts weights whose decimal sum is 1 despite floating-point error', () => {
    expect(parse(ROUTING.replace('cost: 0.4', 'cost: 0.1').replace('latency: 0.3', 'latency: 0.6')).weights.cost).toBe(0.1);
  });

  it('refuses a route naming a provider without scores, once even when qa mirrors review', () => {
    const error = thrown(() => parse(ROUTING.replace('review: { preferred: local', 'review: { preferred: mistral')));
    expect(error.message).toBe("configs/model_routing.yaml:8: task_types.review.preferred: provider 'mistral' has no entry under providers in this file");
  });

  it('refuses a provider listed twice in one route', () => {
    const error = thrown(() => parse(ROUTING.replace('coding: { preferred: openai, fallbacks: [local]', 'coding: { preferred: openai, fallbacks: [local, openai]')));
    expect(error.message).toBe("configs/model_routing.yaml:7: task_types.coding.fallbacks[1]: provider 'openai' is listed twice in this route");
  });

  it('refuses scores outside 0..1', () => {
    const error = thrown(() => parse(ROUTING.replace('latency: 0.8', 'latency: 8')));
    expect(error.message).toBe('configs/model_routing.yaml:15: providers.openai.latency: a score must be between 0 and 1');
  });
});
