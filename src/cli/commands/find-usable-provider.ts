import type { AosConfig } from '../../config/index.ts';
import { createResidencyCheck } from '../../llm/create-residency-check.ts';
import type { LlmProvider, ProviderName } from '../../llm/types.ts';

/** Options of {@link findUsableProvider}. */
export interface FindUsableProviderOptions {
  config: AosConfig;
  /** From `createProviders`: the vendors with a key (and `local` whenever it has an endpoint). */
  providers: ReadonlyMap<ProviderName, LlmProvider>;
  fetch?: typeof fetch;
  /** How long the local server may take to answer `GET /models`. */
  probeTimeoutMs?: number;
}

/** A provider the router may call, or what to set so that one exists. */
export type UsableProvider = { ok: true; provider: ProviderName } | { ok: false; lines: string[] };

/** True when an HTTP server answers `GET <endpoint>/models` in time, whatever its status. */
async function answers(endpoint: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetchImpl(`${endpoint.replace(/\/+$/, '')}/models`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides, before any model call, whether `aos plan` can reach a model: a vendor with a key whose
 * endpoint passes residency, or else a local OpenAI-compatible server that passes residency and
 * answers `GET /models` within the timeout (1 s). When none does, the lines say which variables to
 * set and why each one that is set does not count. Sends no prompt anywhere; the local server is
 * probed only when its endpoint passes residency.
 */
export async function findUsableProvider(options: FindUsableProviderOptions): Promise<UsableProvider> {
  const { config, providers } = options;
  const residency = createResidencyCheck(config);
  const reasons = new Map<ProviderName, string>();
  for (const name of ['openai', 'anthropic'] as const) {
    const provider = providers.get(name);
    if (!provider) continue;
    const decision = residency(provider);
    if (decision.allow) return { ok: true, provider: name };
    reasons.set(name, decision.reason);
  }
  const local = providers.get('local');
  const timeoutMs = options.probeTimeoutMs ?? 1000;
  if (local) {
    const decision = residency(local);
    if (!decision.allow) reasons.set('local', `set, but ${decision.reason}`);
    else if (await answers(local.endpoint, options.fetch ?? fetch, timeoutMs)) return { ok: true, provider: 'local' };
    else reasons.set('local', `nothing answered GET ${local.endpoint.replace(/\/+$/, '')}/models within ${timeoutMs / 1000} s`);
  }
  const openaiEndpoint = config.residency.vendors['openai']?.endpoint ?? 'https://eu.api.openai.com/v1';
  const set = (name: ProviderName, text: string) => (reasons.has(name) && name !== 'local' ? `is set, but ${reasons.get(name)}` : text);
  return {
    ok: false,
    lines: [
      'aos plan: no model provider is available, so no model was called. Set one of:',
      `  OPENAI_API_KEY     ${set('openai', `an API key of an OpenAI project with data residency "Europe"; aos calls the EU endpoint ${openaiEndpoint} (OPENAI_BASE_URL overrides it)`)}`,
      `  ANTHROPIC_API_KEY  ${set('anthropic', 'note: blocked by EU residency unless ANTHROPIC_BASE_URL is an EU host (AWS Bedrock in an eu-* region, or Vertex AI in a europe-* region)')}`,
      `  AOS_LOCAL_LLM_URL  the /v1 URL of an OpenAI-compatible server (vLLM, llama.cpp, Ollama) on this machine or a private address${reasons.has('local') ? `; ${reasons.get('local')}` : ''}`,
    ],
  };
}
