import type { ProviderName } from '../types.ts';
import { PROVIDER_KEY_VARIABLES } from './provider-key-variables.ts';

/**
 * What an operator should do to make a provider available, for the router's "no provider"
 * message: `set OPENAI_API_KEY`, `set ANTHROPIC_API_KEY`, or point AOS_LOCAL_LLM_URL at a server.
 */
export function missingProviderHint(name: ProviderName): string {
  if (name === 'local') return 'set AOS_LOCAL_LLM_URL to your OpenAI-compatible server';
  return `set ${PROVIDER_KEY_VARIABLES[name]}`;
}
