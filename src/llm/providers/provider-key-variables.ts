import type { ProviderName } from '../types.ts';

/** The environment variable that holds each vendor's API key (`local` needs none). */
export const PROVIDER_KEY_VARIABLES = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
} as const satisfies Partial<Record<ProviderName, string>>;
