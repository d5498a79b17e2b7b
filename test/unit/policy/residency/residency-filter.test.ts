import { describe, expect, it } from 'vitest';
import type { ProviderName } from '#src/llm/types.ts';
import { filterCompliantProviders } from '#src/policy/residency/residency-filter.ts';
import type { ResidencyDecision } from '#src/policy/residency/decide-residency.ts';

describe('filterCompliantProviders', () => {
  const decisions = new Map<ProviderName, ResidencyDecision>([
    ['openai', { allow: true, provider: 'openai', host: 'eu.api.openai.com', reason: 'EU host', compliant: true }],
    ['anthropic', { allow: false, provider: 'anthropic', host: 'api.anthropic.com', reason: 'api.anthropic.com is not an EU host' }],
    ['local', { allow: true, provider: 'local', host: '10.0.0.5', reason: 'warn mode', compliant: false }],
  ]);

  it('keeps allowed providers in candidate order and lists the denied with their reasons', () => {
    expect(filterCompliantProviders(['anthropic', 'local', 'openai'], decisions)).toEqual({
      allowed: ['local', 'openai'],
      denied: [{ provider: 'anthropic', reason: 'api.anthropic.com is not an EU host' }],
    });
  });

  it('denies a candidate that has no decision', () => {
    const result = filterCompliantProviders(['openai', 'anthropic'], new Map([['openai', decisions.get('openai')!]]));
    expect(result.allowed).toEqual(['openai']);
    expect(result.denied).toEqual([{ provider: 'anthropic', reason: expect.stringContaining('no residency decision') }]);
  });
});
