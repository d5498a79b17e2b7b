import type { VendorResidency } from '../../config/index.ts';
import type { ProviderName } from '../../config/provider-name.ts';

/** The environment variable that overrides each built-in vendor's endpoint (see config/apply-endpoint-overrides). */
const VARIABLES: Record<ProviderName, string> = { openai: 'OPENAI_BASE_URL', anthropic: 'ANTHROPIC_BASE_URL', local: 'AOS_LOCAL_LLM_URL' };

/**
 * Where an operator changes `provider`'s endpoint: the variable it came from, else the vendor's
 * override variable, else its YAML path, so a refusal can say exactly what to set.
 */
export function endpointVariable(provider: ProviderName, vendor: VendorResidency): string {
  if (vendor.endpoint_env !== null) return vendor.endpoint_env;
  return Object.hasOwn(VARIABLES, provider) ? VARIABLES[provider] : `vendors.${provider}.endpoint`;
}

/** `openai endpoint api.openai.com (from OPENAI_BASE_URL)`: how reasons name the endpoint. */
export function endpointLabel(provider: ProviderName, vendor: VendorResidency, host: string): string {
  const from = vendor.endpoint_env === null ? '' : ` (from ${vendor.endpoint_env})`;
  return `${provider} endpoint ${host}${from}`;
}
