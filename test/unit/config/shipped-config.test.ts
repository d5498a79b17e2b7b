import { describe, expect, it } from 'vitest';
import { inspectConfig, loadConfig } from '#src/config/index.ts';
import { PROJECT_ROOT } from './temp-config-dir.ts';

describe('the shipped configuration', () => {
  const config = loadConfig({ configDir: PROJECT_ROOT });

  it("loads without a problem or a warning: every name is the specification's or aos's own", () => {
    const inspection = inspectConfig({ configDir: PROJECT_ROOT });
    expect(inspection.problems).toEqual([]);
    expect(inspection.warnings).toEqual([]);
  });

  it('loads policies/finops.yaml with the phase caps and the per-run cap', () => {
    expect(config.finops.active_phase).toBe(1);
    expect(
      Object.fromEntries(Object.entries(config.finops.phases).map(([phase, caps]) => [phase, [caps.daily_eur_cap, caps.monthly_eur_cap]])),
    ).toEqual({
      1: [450, 12000],
      2: [650, 16000],
      3: [900, 22000],
    });
    expect(config.finops.run_default_cap_eur).toBe(5);
    expect(config.finops.alerts).toEqual({
      threshold_percent: 80,
      channels: [{ type: 'slack' }, { type: 'email' }],
      burn_rate_forecast: true,
    });
    expect(config.finops.providers.openai).toMatchObject({
      max_tokens_per_request: 128000,
      max_tokens_per_day: 40000000,
      allowed_models: null,
    });
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
    expect(config.routing.failover).toMatchObject({ max_retries: 3, retry_delay_ms: 500, fallback_provider: 'local' });
  });

  it('loads configs/vendor_residency.yaml with the EU OpenAI endpoint and the honest Anthropic one', () => {
    const { vendors } = config.residency;
    expect(config.residency.enforcement).toEqual({
      enforce_eu_residency: true,
      block_non_eu_requests: true,
      alert_on_violation: true,
      log_all_requests: true,
    });
    expect(vendors.openai?.endpoint).toBe('https://eu.api.openai.com/v1');
    expect(vendors.openai?.eu_host_patterns).toContain('eu.api.openai.com');
    expect(vendors.anthropic?.endpoint).toBe('https://api.anthropic.com');
    expect(vendors.anthropic?.eu_host_patterns).not.toContain('api.anthropic.com');
    expect(vendors.anthropic?.eu_host_patterns).toContain('bedrock-runtime.eu-*.amazonaws.com');
    expect(vendors.local).toMatchObject({ endpoint: 'http://127.0.0.1:8000/v1', on_premise: true, region: 'on-premise' });
    expect(vendors.openai?.endpoint_env).toBeNull();
  });
});
