import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { PROJECT_ROOT } from './temp-config-dir.ts';

describe('the shipped configuration', () => {
  const config = loadConfig({ configDir: PROJECT_ROOT });

  it('loads policies/finops.yaml with the phase caps and the per-run cap', () => {
    expect(config.finops.active_phase).toBe('phase_1');
    expect(config.finops.phases).toEqual({
      phase_1: { daily_cap_eur: 450, monthly_cap_eur: 12000 },
      phase_2: { daily_cap_eur: 650, monthly_cap_eur: 16000 },
      phase_3: { daily_cap_eur: 900, monthly_cap_eur: 22000 },
    });
    expect(config.finops.run_default_cap_eur).toBe(5);
    expect(config.finops.alerts).toEqual({ threshold: 0.8, channels: ['slack', 'email'], burn_rate_forecast: true });
  });

  it('prices every model with both rates, the local model explicitly at 0', () => {
    expect(Object.keys(config.finops.providers).sort()).toEqual(['anthropic', 'local', 'openai']);
    expect(config.finops.providers.openai?.models['gpt-4o']).toMatchObject({ input_per_1k_eur: 0.002175, output_per_1k_eur: 0.0087 });
    const local = config.finops.providers.local?.models['Qwen/Qwen2.5-Coder-32B-Instruct'];
    expect(local).toEqual({ input_per_1k_eur: 0, output_per_1k_eur: 0, context_window: 32768, max_output_tokens: 8192 });
  });

  it('loads configs/model_routing.yaml with weights, routes and failover', () => {
    expect(config.routing.weights).toEqual({ cost: 0.4, latency: 0.3, accuracy: 0.3 });
    expect(Object.keys(config.routing.task_types)).toEqual(['planning', 'coding', 'review', 'qa']);
    expect(config.routing.task_types.qa).toEqual(config.routing.task_types.review);
    expect(config.routing.failover).toMatchObject({ max_retries: 3, retry_delay_ms: 500 });
  });

  it('loads configs/vendor_residency.yaml with the EU OpenAI endpoint and the honest Anthropic one', () => {
    const { vendors } = config.residency;
    expect(config.residency).toMatchObject({ enforce_eu_residency: true, block_non_eu_requests: true, audit_all_requests: true });
    expect(vendors.openai?.endpoint).toBe('https://eu.api.openai.com/v1');
    expect(vendors.openai?.eu_host_patterns).toContain('eu.api.openai.com');
    expect(vendors.anthropic?.endpoint).toBe('https://api.anthropic.com');
    expect(vendors.anthropic?.eu_host_patterns).not.toContain('api.anthropic.com');
    expect(vendors.anthropic?.eu_host_patterns).toContain('bedrock-runtime.eu-*.amazonaws.com');
    expect(vendors.local).toMatchObject({ endpoint: 'http://127.0.0.1:8000/v1', on_premise: true, region: 'on-premise' });
    expect(vendors.openai?.endpoint_env).toBeNull();
  });
});
