import { describe, expect, it } from 'vitest';
import type { VendorResidency } from '#src/config/index.ts';
import { decideResidencyForModels } from '#src/policy/residency/residency-for-models.ts';

const bedrock: VendorResidency = {
  region: 'global',
  on_premise: false,
  endpoint: 'https://bedrock-runtime.eu-central-1.amazonaws.com',
  eu_host_patterns: ['bedrock-runtime.eu-*.amazonaws.com'],
  data_retention: 30,
  training_data_opt_out: true,
  logging_enabled: false,
  compliance: [],
  endpoint_env: 'ANTHROPIC_BASE_URL',
};
const enforcement = { enforce_eu_residency: true, block_non_eu_requests: true };

describe('decideResidencyForModels', () => {
  it('returns the worst decision over all models', () => {
    const decision = decideResidencyForModels({
      provider: 'anthropic',
      vendor: bedrock,
      endpoint: bedrock.endpoint,
      enforcement,
      models: ['eu.anthropic.claude-x-v1:0', 'apac.anthropic.claude-y-v1:0'],
    });
    expect(decision.allow).toBe(false);
    expect(decision.reason).toContain(
      "apac.anthropic.claude-y-v1:0 on bedrock-runtime.eu-central-1.amazonaws.com uses the 'apac.' cross-region inference profile",
    );
  });

  it('decides on the endpoint alone when there are no models', () => {
    const decision = decideResidencyForModels({
      provider: 'anthropic',
      vendor: bedrock,
      endpoint: bedrock.endpoint,
      enforcement,
      models: [],
    });
    expect(decision).toMatchObject({ allow: true, compliant: true });
  });
});
