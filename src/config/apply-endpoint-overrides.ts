import type { AosEnv } from './env-schema.ts';
import type { ResidencyConfig } from './residency-schema.ts';

/** The variable that overrides each vendor's endpoint. */
const OVERRIDES = { openai: 'OPENAI_BASE_URL', anthropic: 'ANTHROPIC_BASE_URL', local: 'AOS_LOCAL_LLM_URL' } as const;

/** The environment variables that can replace a vendor endpoint. */
export type EndpointOverrides = Partial<Pick<AosEnv, (typeof OVERRIDES)[keyof typeof OVERRIDES]>>;

/**
 * Replaces vendor endpoints by OPENAI_BASE_URL, ANTHROPIC_BASE_URL and AOS_LOCAL_LLM_URL, so the
 * residency check sees the endpoint actually used, and records in `endpoint_env` which variable
 * it came from, so a refusal can name it.
 */
export function applyEndpointOverrides(residency: ResidencyConfig, env: EndpointOverrides): ResidencyConfig {
  const vendors = { ...residency.vendors };
  for (const [vendor, variable] of Object.entries(OVERRIDES)) {
    const entry = vendors[vendor];
    const url = env[variable];
    if (entry && url !== undefined) vendors[vendor] = { ...entry, endpoint: url, endpoint_env: variable };
  }
  return { ...residency, vendors };
}
