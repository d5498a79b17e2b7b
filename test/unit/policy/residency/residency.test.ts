import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, type VendorResidency } from '#src/config/index.ts';
import type { ProviderName } from '#src/llm/types.ts';
import { decideResidency, type ResidencyDecision, type ResidencyInput } from '#src/policy/residency/decide-residency.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const ENFORCED = { enforce_eu_residency: true, block_non_eu_requests: true };

/** A cloud vendor entry as the schema outputs it, with `overrides` applied. */
const vendor = (overrides: Partial<VendorResidency> = {}): VendorResidency => ({
  region: 'eu',
  on_premise: false,
  endpoint: 'https://eu.api.openai.com/v1',
  eu_host_patterns: ['eu.api.openai.com'],
  data_retention: 30,
  training_data_opt_out: true,
  logging_enabled: false,
  compliance: ['gdpr'],
  endpoint_env: null,
  ...overrides,
});

const local = (overrides: Partial<VendorResidency> = {}) =>
  vendor({
    region: 'on-premise',
    on_premise: true,
    endpoint: 'http://127.0.0.1:8000/v1',
    eu_host_patterns: [],
    data_retention: false,
    ...overrides,
  });

const anthropicCloud = (overrides: Partial<VendorResidency> = {}) =>
  vendor({
    region: 'global',
    eu_host_patterns: ['bedrock-runtime.eu-*.amazonaws.com', 'europe-*-aiplatform.googleapis.com', 'aiplatform.eu.rep.googleapis.com'],
    ...overrides,
  });

const azure = (region: string) => vendor({ region, eu_host_patterns: ['*.openai.azure.com'] });

interface Case {
  name: string;
  input: Omit<ResidencyInput, 'enforcement'> & { enforcement?: ResidencyInput['enforcement'] };
  /** 'allowed' = allow and compliant; 'warned' = allow but not compliant; 'blocked' = deny. */
  expected: 'allowed' | 'warned' | 'blocked';
  /** Fragments the reason must contain. */
  reason: string[];
}

const outcome = (decision: ResidencyDecision) => (!decision.allow ? 'blocked' : decision.compliant ? 'allowed' : 'warned');

const cases: Case[] = [
  {
    name: "the specification's sample: region eu-west-1 on api.openai.com is a violation (region not trusted)",
    input: {
      provider: 'openai',
      vendor: vendor({ region: 'eu-west-1', endpoint: 'https://api.openai.com/v1' }),
      endpoint: 'https://api.openai.com/v1',
    },
    expected: 'blocked',
    reason: [
      "openai endpoint api.openai.com is not an EU host: it is OpenAI's global host, where requests may be processed anywhere (EU hosts for openai: eu.api.openai.com)",
      'set OPENAI_BASE_URL=https://eu.api.openai.com/v1',
    ],
  },
  {
    name: 'OPENAI_BASE_URL override to a non-EU host is blocked and names the variable',
    input: { provider: 'openai', vendor: vendor({ endpoint_env: 'OPENAI_BASE_URL' }), endpoint: 'https://openai-proxy.example.com/v1' },
    expected: 'blocked',
    reason: [
      'openai endpoint openai-proxy.example.com (from OPENAI_BASE_URL) is not an EU host',
      'set OPENAI_BASE_URL=https://eu.api.openai.com/v1',
    ],
  },
  {
    name: 'local on 192.168.1.20',
    input: { provider: 'local', vendor: local(), endpoint: 'http://192.168.1.20:11434/v1' },
    expected: 'allowed',
    reason: ['private address'],
  },
  {
    name: 'local on 10.0.0.5',
    input: { provider: 'local', vendor: local(), endpoint: 'http://10.0.0.5:8000/v1' },
    expected: 'allowed',
    reason: ['private address'],
  },
  {
    name: 'local on 172.31.0.2',
    input: { provider: 'local', vendor: local(), endpoint: 'http://172.31.0.2/v1' },
    expected: 'allowed',
    reason: ['private address'],
  },
  {
    name: 'local on localhost',
    input: { provider: 'local', vendor: local(), endpoint: 'http://localhost:8000/v1' },
    expected: 'allowed',
    reason: ['localhost'],
  },
  {
    name: 'local on [::1]',
    input: { provider: 'local', vendor: local(), endpoint: 'http://[::1]:8000/v1' },
    expected: 'allowed',
    reason: ['loopback'],
  },
  {
    name: 'local on a unique-local IPv6',
    input: { provider: 'local', vendor: local(), endpoint: 'http://[fd12:3456::7]:8000/v1' },
    expected: 'allowed',
    reason: ['private address'],
  },
  {
    name: 'local on a link-local IPv6',
    input: { provider: 'local', vendor: local(), endpoint: 'http://[fe80::1]:8000/v1' },
    expected: 'allowed',
    reason: ['link-local'],
  },
  {
    name: 'local on a host name cannot be proven on-premise without DNS',
    input: { provider: 'local', vendor: local(), endpoint: 'http://ollama.example.com:11434/v1' },
    expected: 'blocked',
    reason: ['ollama.example.com is a host name', 'without a DNS lookup', 'set AOS_LOCAL_LLM_URL=http://<its IP address>:11434/v1'],
  },
  {
    name: 'local on a public IP (8.8.8.8)',
    input: { provider: 'local', vendor: local(), endpoint: 'http://8.8.8.8/v1' },
    expected: 'blocked',
    reason: ['8.8.8.8 is a public IP address', 'not on-premise'],
  },
  {
    name: 'local on 172.32.0.1 (outside 172.16/12)',
    input: { provider: 'local', vendor: local(), endpoint: 'http://172.32.0.1/v1' },
    expected: 'blocked',
    reason: ['public IP'],
  },
  {
    name: 'local on a public IPv6',
    input: { provider: 'local', vendor: local(), endpoint: 'http://[2001:db8::1]/v1' },
    expected: 'blocked',
    reason: ['public IP'],
  },
  {
    name: 'local on an IPv4-mapped public address',
    input: { provider: 'local', vendor: local(), endpoint: 'http://[::ffff:8.8.8.8]/v1' },
    expected: 'blocked',
    reason: ['public IP'],
  },
  {
    name: 'http to a remote EU host is denied',
    input: { provider: 'openai', vendor: vendor(), endpoint: 'http://eu.api.openai.com/v1' },
    expected: 'blocked',
    reason: ['eu.api.openai.com is called over http://', 'https://'],
  },
  {
    name: 'an endpoint that is not a URL',
    input: { provider: 'openai', vendor: vendor(), endpoint: 'eu.api.openai.com' },
    expected: 'blocked',
    reason: ['is not a valid URL', 'OPENAI_BASE_URL'],
  },
  {
    name: 'an endpoint that is not http(s)',
    input: { provider: 'openai', vendor: vendor(), endpoint: 'ftp://eu.api.openai.com/' },
    expected: 'blocked',
    reason: ['uses ftp://'],
  },
  {
    name: 'logging_enabled true is denied for a cloud vendor',
    input: { provider: 'openai', vendor: vendor({ logging_enabled: true }), endpoint: 'https://eu.api.openai.com/v1' },
    expected: 'blocked',
    reason: ['openai has logging_enabled: true', 'set it to false'],
  },
  {
    name: 'logging_enabled true is exempt for an on-premise vendor',
    input: { provider: 'local', vendor: local({ logging_enabled: true }), endpoint: 'http://127.0.0.1:8000/v1' },
    expected: 'allowed',
    reason: ['on-premise'],
  },
  {
    name: 'training_data_opt_out false is denied',
    input: { provider: 'openai', vendor: vendor({ training_data_opt_out: false }), endpoint: 'https://eu.api.openai.com/v1' },
    expected: 'blocked',
    reason: ['openai has training_data_opt_out: false'],
  },
  {
    name: 'training_data_opt_out false is denied for on-premise too',
    input: { provider: 'local', vendor: local({ training_data_opt_out: false }), endpoint: 'http://127.0.0.1:8000/v1' },
    expected: 'blocked',
    reason: ['training_data_opt_out: false'],
  },
  {
    name: 'Bedrock EU host with an eu. inference profile',
    input: {
      provider: 'anthropic',
      vendor: anthropicCloud(),
      endpoint: 'https://bedrock-runtime.eu-central-1.amazonaws.com',
      model: 'eu.anthropic.claude-sonnet-4-20250514-v1:0',
    },
    expected: 'allowed',
    reason: ['EU inference profile'],
  },
  {
    name: 'Bedrock EU host with an in-region model id',
    input: {
      provider: 'anthropic',
      vendor: anthropicCloud(),
      endpoint: 'https://bedrock-runtime.eu-west-3.amazonaws.com',
      model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    },
    expected: 'allowed',
    reason: ['in-region model'],
  },
  {
    name: 'Bedrock EU host with a us. inference profile',
    input: {
      provider: 'anthropic',
      vendor: anthropicCloud(),
      endpoint: 'https://bedrock-runtime.eu-central-1.amazonaws.com',
      model: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    },
    expected: 'blocked',
    reason: ["uses the 'us.' cross-region inference profile", "use the 'eu.' profile (eu.anthropic.claude-sonnet-4-20250514-v1:0)"],
  },
  {
    name: 'Bedrock EU host with a global. inference profile',
    input: {
      provider: 'anthropic',
      vendor: anthropicCloud(),
      endpoint: 'https://bedrock-runtime.eu-central-1.amazonaws.com',
      model: 'global.anthropic.claude-sonnet-4-20250514-v1:0',
    },
    expected: 'blocked',
    reason: ["'global.'"],
  },
  {
    name: 'Bedrock in London matches the eu-* glob but is not an EU region',
    input: {
      provider: 'anthropic',
      vendor: anthropicCloud(),
      endpoint: 'https://bedrock-runtime.eu-west-2.amazonaws.com',
      model: 'eu.anthropic.claude-sonnet-4-20250514-v1:0',
    },
    expected: 'blocked',
    reason: ['AWS Bedrock in eu-west-2, which is not an EU region'],
  },
  {
    name: 'Bedrock in a US region',
    input: {
      provider: 'anthropic',
      vendor: anthropicCloud(),
      endpoint: 'https://bedrock-runtime.us-east-1.amazonaws.com',
      model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    },
    expected: 'blocked',
    reason: ['bedrock-runtime.us-east-1.amazonaws.com is not an EU host'],
  },
  {
    name: 'Vertex europe-west4',
    input: { provider: 'anthropic', vendor: anthropicCloud(), endpoint: 'https://europe-west4-aiplatform.googleapis.com/v1' },
    expected: 'allowed',
    reason: ['Vertex AI in EU region europe-west4'],
  },
  {
    name: 'Vertex EU multi-region',
    input: { provider: 'anthropic', vendor: anthropicCloud(), endpoint: 'https://aiplatform.eu.rep.googleapis.com/v1' },
    expected: 'allowed',
    reason: ['Vertex AI EU multi-region'],
  },
  {
    name: 'Vertex us-central1',
    input: { provider: 'anthropic', vendor: anthropicCloud(), endpoint: 'https://us-central1-aiplatform.googleapis.com/v1' },
    expected: 'blocked',
    reason: ['us-central1-aiplatform.googleapis.com is not an EU host'],
  },
  {
    name: 'Vertex us-central1 even when a broad pattern lists it',
    input: {
      provider: 'anthropic',
      vendor: anthropicCloud({ eu_host_patterns: ['*-aiplatform.googleapis.com', 'aiplatform.googleapis.com'] }),
      endpoint: 'https://us-central1-aiplatform.googleapis.com/v1',
    },
    expected: 'blocked',
    reason: ['Vertex AI in us-central1, which is not an EU region'],
  },
  {
    name: 'Vertex global even when listed',
    input: {
      provider: 'anthropic',
      vendor: anthropicCloud({ eu_host_patterns: ['aiplatform.googleapis.com'] }),
      endpoint: 'https://aiplatform.googleapis.com/v1',
    },
    expected: 'blocked',
    reason: ['global Vertex AI endpoint'],
  },
  {
    name: 'Vertex Zurich (europe-west6) is not EU',
    input: { provider: 'anthropic', vendor: anthropicCloud(), endpoint: 'https://europe-west6-aiplatform.googleapis.com/v1' },
    expected: 'blocked',
    reason: ['not an EU region'],
  },
  {
    name: 'Azure OpenAI in swedencentral',
    input: { provider: 'openai', vendor: azure('swedencentral'), endpoint: 'https://contoso.openai.azure.com/openai/v1' },
    expected: 'allowed',
    reason: ['EU region swedencentral'],
  },
  {
    name: 'Azure OpenAI in switzerlandnorth is not EU',
    input: { provider: 'openai', vendor: azure('switzerlandnorth'), endpoint: 'https://contoso.openai.azure.com/openai/v1' },
    expected: 'blocked',
    reason: ["region is 'switzerlandnorth'"],
  },
  {
    name: "Azure OpenAI with region 'eu' is not enough",
    input: { provider: 'openai', vendor: azure('eu'), endpoint: 'https://contoso.openai.azure.com/openai/v1' },
    expected: 'blocked',
    reason: ['Azure OpenAI resource'],
  },
  {
    name: 'a glob star does not cross a DNS label',
    input: {
      provider: 'anthropic',
      vendor: anthropicCloud(),
      endpoint: 'https://bedrock-runtime.eu-central-1.attacker.example.amazonaws.com',
    },
    expected: 'blocked',
    reason: ['is not an EU host'],
  },
  {
    name: 'a /regex/ pattern must match the whole host',
    input: {
      provider: 'openai',
      vendor: vendor({ eu_host_patterns: ['/eu\\.api\\.openai\\.com/'] }),
      endpoint: 'https://eu.api.openai.com.attacker.example/v1',
    },
    expected: 'blocked',
    reason: ['is not an EU host'],
  },
  {
    name: 'a /regex/ pattern that matches',
    input: {
      provider: 'openai',
      vendor: vendor({ eu_host_patterns: ['/^eu\\.api\\.openai\\.com$/'] }),
      endpoint: 'https://EU.api.openai.com/v1',
    },
    expected: 'allowed',
    reason: ['EU host'],
  },
  {
    name: 'enforcement off: non-EU is allowed but not compliant (audit only)',
    input: {
      provider: 'openai',
      vendor: vendor(),
      endpoint: 'https://api.openai.com/v1',
      enforcement: { enforce_eu_residency: false, block_non_eu_requests: true },
    },
    expected: 'warned',
    reason: ['is not an EU host', 'enforce_eu_residency is false'],
  },
  {
    name: 'enforcement on without blocking: allowed but not compliant (warn mode)',
    input: {
      provider: 'openai',
      vendor: vendor(),
      endpoint: 'https://api.openai.com/v1',
      enforcement: { enforce_eu_residency: true, block_non_eu_requests: false },
    },
    expected: 'warned',
    reason: ['block_non_eu_requests is false'],
  },
  {
    name: 'enforcement off still reports a compliant vendor as compliant',
    input: {
      provider: 'openai',
      vendor: vendor(),
      endpoint: 'https://eu.api.openai.com/v1',
      enforcement: { enforce_eu_residency: false, block_non_eu_requests: false },
    },
    expected: 'allowed',
    reason: ['EU host'],
  },
  {
    name: 'an endpoint that is not a URL is denied even with enforcement off',
    input: {
      provider: 'openai',
      vendor: vendor(),
      endpoint: 'not a url',
      enforcement: { enforce_eu_residency: false, block_non_eu_requests: false },
    },
    expected: 'blocked',
    reason: ['not a valid URL'],
  },
];

describe('decideResidency', () => {
  it.each(cases)('$name', ({ input, expected, reason }) => {
    const decision = decideResidency({ enforcement: ENFORCED, ...input });
    expect(outcome(decision), decision.reason).toBe(expected);
    expect(decision.provider).toBe(input.provider);
    for (const fragment of reason) expect(decision.reason).toContain(fragment);
  });

  it('reports every problem at once, and never echoes credentials in the endpoint', () => {
    const decision = decideResidency({
      provider: 'openai',
      vendor: vendor({ logging_enabled: true, training_data_opt_out: false }),
      endpoint: 'http://user:s3cret@api.openai.com/v1',
      enforcement: ENFORCED,
    });
    expect(decision).toMatchObject({ allow: false, host: 'api.openai.com' });
    expect(decision.reason).toContain('over http://');
    expect(decision.reason).toContain('is not an EU host');
    expect(decision.reason).toContain('logging_enabled: true');
    expect(decision.reason).toContain('training_data_opt_out: false');
    expect(decision.reason).not.toContain('s3cret');
  });

  describe('on the shipped configuration', () => {
    const { residency } = loadConfig({ configDir: PROJECT_ROOT });
    const decide = (provider: ProviderName, env: { endpoint?: string } = {}) => {
      const entry = residency.vendors[provider];
      if (!entry) throw new Error(`shipped config has no ${provider}`);
      return decideResidency({ provider, vendor: entry, endpoint: env.endpoint ?? entry.endpoint, enforcement: residency.enforcement });
    };

    it('allows openai on its EU host', () => {
      expect(decide('openai')).toMatchObject({ allow: true, compliant: true, host: 'eu.api.openai.com' });
    });

    it('blocks anthropic on api.anthropic.com and says where EU processing is available', () => {
      const decision = decide('anthropic');
      expect(decision).toMatchObject({ allow: false, host: 'api.anthropic.com' });
      expect(decision.reason).toContain(
        "anthropic endpoint api.anthropic.com is not an EU host: it is Anthropic's global host, where requests may be processed anywhere",
      );
      expect(decision.reason).toContain('bedrock-runtime.eu-*.amazonaws.com');
      expect(decision.reason).toContain('ANTHROPIC_BASE_URL');
    });

    it('allows local on 127.0.0.1', () => {
      expect(decide('local')).toMatchObject({ allow: true, compliant: true, host: '127.0.0.1' });
    });

    it('blocks openai when OPENAI_BASE_URL points at the global host', () => {
      const { residency: overridden } = loadConfig({ configDir: PROJECT_ROOT, env: { OPENAI_BASE_URL: 'https://api.openai.com/v1' } });
      const entry = overridden.vendors['openai'];
      if (!entry) throw new Error('shipped config has no openai');
      const decision = decideResidency({
        provider: 'openai',
        vendor: entry,
        endpoint: entry.endpoint,
        enforcement: overridden.enforcement,
      });
      expect(decision).toMatchObject({ allow: false, host: 'api.openai.com' });
      expect(decision.reason).toContain('(from OPENAI_BASE_URL)');
      expect(decision.reason).toContain('set OPENAI_BASE_URL=https://eu.api.openai.com/v1');
    });
  });
});
