import { describe, expect, it } from 'vitest';
import type { ResidencyConfig, VendorResidency } from '#src/config/index.ts';
import { createProviders, missingProviderHint } from '#src/llm/providers/create-providers.ts';
import { ANTHROPIC_KEY, OPENAI_KEY } from './fixtures.ts';

function vendor(endpoint: string): VendorResidency {
  return {
    region: 'eu',
    on_premise: false,
    endpoint,
    eu_host_patterns: [],
    data_retention: 30,
    training_data_opt_out: true,
    logging_enabled: false,
    compliance: ['gdpr'],
    endpoint_env: null,
  };
}

function residency(vendors: Record<string, VendorResidency>): ResidencyConfig {
  return {
    enforcement: { enforce_eu_residency: true, block_non_eu_requests: true, alert_on_violation: true, log_all_requests: true },
    vendors,
  };
}

const ALL = residency({
  openai: vendor('https://eu.api.openai.com/v1'),
  anthropic: vendor('https://bedrock-runtime.eu-central-1.amazonaws.com'),
  local: vendor('http://10.0.0.5:8000/v1'),
});

describe('createProviders', () => {
  it('builds every vendor that has an endpoint and a key, on the configured endpoint', () => {
    const providers = createProviders({ residency: ALL, keys: { openai: OPENAI_KEY, anthropic: ANTHROPIC_KEY } });
    expect([...providers.keys()].sort()).toEqual(['anthropic', 'local', 'openai']);
    expect(providers.get('openai')?.endpoint).toBe('https://eu.api.openai.com/v1');
    expect(providers.get('anthropic')?.endpoint).toBe('https://bedrock-runtime.eu-central-1.amazonaws.com');
    expect(providers.get('local')).toMatchObject({ name: 'local', endpoint: 'http://10.0.0.5:8000/v1' });
  });

  it('leaves out vendors without a key (an empty key counts as none) and without an endpoint', () => {
    const providers = createProviders({
      residency: residency({ openai: vendor('https://eu.api.openai.com/v1') }),
      keys: { openai: '', anthropic: ANTHROPIC_KEY },
    });
    expect(providers.size).toBe(0);
  });
});

describe('missingProviderHint', () => {
  it('names the variable to set', () => {
    expect(missingProviderHint('openai')).toBe('set OPENAI_API_KEY');
    expect(missingProviderHint('anthropic')).toBe('set ANTHROPIC_API_KEY');
    expect(missingProviderHint('local')).toBe('set AOS_LOCAL_LLM_URL to your OpenAI-compatible server');
  });
});
