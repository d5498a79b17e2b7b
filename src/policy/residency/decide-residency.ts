import { endpointVariable } from './residency-endpoint-text.ts';
import { checkEuHost } from './residency-eu-host.ts';
import { checkOnPremise } from './residency-on-premise.ts';
import { checkPolicyFlags } from './residency-policy-flags.ts';
import type { ResidencyDecision, ResidencyInput } from './residency-types.ts';

export type { ResidencyDecision, ResidencyEnforcement, ResidencyInput } from './residency-types.ts';

/** The endpoint as a URL, or why it cannot be called (never echoing it: it may hold credentials). */
function parseEndpoint(endpoint: string): URL | string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `uses ${url.protocol}//, not http:// or https://`;
  if (url.hostname === '') return 'has no host';
  return url;
}

/**
 * Decides whether `provider` may be called on `endpoint`, the URL really used. Residency is
 * proven by the endpoint's host, never by the vendor's `region` field alone:
 * - the endpoint must be an http(s) URL (otherwise always denied: there is no host to judge);
 * - a cloud vendor needs https and a host matching its `eu_host_patterns`, and Azure OpenAI,
 *   AWS Bedrock (with the model id's inference profile) and Google Vertex hosts must also pass
 *   their cloud rule;
 * - an on-premise vendor (`on_premise: true`) needs `localhost` or a loopback, private or
 *   link-local IP literal, and may use http;
 * - `logging_enabled` must be false (on-premise exempt) and `training_data_opt_out` true.
 *
 * What a finding does depends on the switches:
 *
 * | enforce_eu_residency | block_non_eu_requests | compliant | decision                          |
 * |----------------------|-----------------------|-----------|-----------------------------------|
 * | any                  | any                   | yes       | allow, compliant: true            |
 * | false                | any                   | no        | allow, compliant: false (audit)   |
 * | true                 | false                 | no        | allow, compliant: false (warn)    |
 * | true                 | true                  | no        | deny                              |
 */
export function decideResidency(input: ResidencyInput): ResidencyDecision {
  const { provider, vendor, enforcement } = input;
  const url = parseEndpoint(input.endpoint);
  const from = vendor.endpoint_env === null ? '' : ` (from ${vendor.endpoint_env})`;
  if (typeof url === 'string') {
    return {
      allow: false,
      provider,
      host: '',
      reason: `${provider} endpoint${from} ${url}; set ${endpointVariable(provider, vendor)} to the vendor's https:// base URL`,
    };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const where = vendor.on_premise ? checkOnPremise(provider, vendor, url, host) : checkEuHost(provider, vendor, url, host, input.model);
  const problems = [...where.problems, ...checkPolicyFlags(provider, vendor)];
  if (problems.length === 0) {
    const flags = vendor.on_premise ? 'training opt-out is set' : 'logging is off and training opt-out is set';
    return { allow: true, provider, host, compliant: true, reason: `${where.evidence}; ${flags}` };
  }
  const finding = problems.join('; ');
  if (!enforcement.enforce_eu_residency) {
    return {
      allow: true,
      provider,
      host,
      compliant: false,
      reason: `${finding} (allowed anyway: enforce_eu_residency is false, so residency is only audited)`,
    };
  }
  if (!enforcement.block_non_eu_requests) {
    return {
      allow: true,
      provider,
      host,
      compliant: false,
      reason: `${finding} (allowed anyway: block_non_eu_requests is false, so this is only a warning)`,
    };
  }
  return { allow: false, provider, host, reason: finding };
}
