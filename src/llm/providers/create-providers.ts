import type { ResidencyConfig } from '../../config/index.ts';
import type { LlmProvider, ProviderName } from '../types.ts';
import { createAnthropicProvider } from './create-anthropic-provider.ts';
import { createOpenAiProvider } from './create-openai-provider.ts';

export { missingProviderHint } from './missing-provider-hint.ts';

/** Options of `createProviders`. */
export interface CreateProvidersOptions {
  /** From loadConfig: endpoints already replaced by OPENAI_BASE_URL, ANTHROPIC_BASE_URL, AOS_LOCAL_LLM_URL. */
  residency: ResidencyConfig;
  keys: { openai?: string | undefined; anthropic?: string | undefined; local?: string | undefined };
  /** Replaces the global fetch of every provider (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * One provider per vendor that has an endpoint in the residency config and, except `local`, an
 * API key. A vendor without a key is left out rather than failing at start-up; the router names
 * the variable to set (`missingProviderHint`) when a route needs it.
 */
export function createProviders(options: CreateProvidersOptions): Map<ProviderName, LlmProvider> {
  const { residency, keys } = options;
  const extra = options.fetch ? { fetch: options.fetch } : {};
  const providers = new Map<ProviderName, LlmProvider>();
  const openai = residency.vendors['openai']?.endpoint;
  if (openai && keys.openai)
    providers.set('openai', createOpenAiProvider({ name: 'openai', apiKey: keys.openai, baseURL: openai, ...extra }));
  const anthropic = residency.vendors['anthropic']?.endpoint;
  if (anthropic && keys.anthropic)
    providers.set('anthropic', createAnthropicProvider({ apiKey: keys.anthropic, baseURL: anthropic, ...extra }));
  const local = residency.vendors['local']?.endpoint;
  if (local) providers.set('local', createOpenAiProvider({ name: 'local', apiKey: keys.local, baseURL: local, ...extra }));
  return providers;
}
