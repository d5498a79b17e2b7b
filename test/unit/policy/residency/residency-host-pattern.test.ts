import { describe, expect, it } from 'vitest';
import { matchHostPattern } from '#src/policy/residency/residency-host-pattern.ts';

describe('matchHostPattern', () => {
  it.each([
    ['bedrock-runtime.eu-central-1.amazonaws.com', 'bedrock-runtime.eu-*.amazonaws.com', true],
    ['BEDROCK-RUNTIME.EU-WEST-3.AMAZONAWS.COM', 'bedrock-runtime.eu-*.amazonaws.com', true],
    ['bedrock-runtime.eu-x.evil.example.amazonaws.com', 'bedrock-runtime.eu-*.amazonaws.com', false],
    ['bedrock-runtime.eu-x.amazonaws.com.attacker.example', 'bedrock-runtime.eu-*.amazonaws.com', false],
    ['my-resource.openai.azure.com', '*.openai.azure.com', true],
    ['a.b.openai.azure.com', '*.openai.azure.com', false],
    ['x.openai.azure.com', '**.openai.azure.com', true],
    ['a.b.openai.azure.com', '**.openai.azure.com', false],
    ['europe-west4-aiplatform.googleapis.com', 'europe-*-aiplatform.googleapis.com', true],
    ['eu.api.openai.com', '/^eu\\.api\\.openai\\.com$/', true],
    ['eu.api.openai.com.attacker.example', '/eu\\.api\\.openai\\.com/', false],
    ['a..example', '*.*.example', false],
  ])('%j against %j is %s', (host, pattern, expected) => {
    expect(matchHostPattern(host, pattern)).toBe(expected);
  });

  it('stays linear on a glob with many wildcards against a long label', () => {
    const pattern = '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b.example';
    expect(matchHostPattern(`${'a'.repeat(5_000)}.example`, pattern)).toBe(false);
    expect(matchHostPattern(`${'a'.repeat(4_999)}b.example`, pattern)).toBe(true);
  }, 30_000);
});
