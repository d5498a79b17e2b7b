import type OpenAI from 'openai';
import { AosError } from '../../observability/aos-error.ts';
import type { CompletionRequest, CompletionResult, LlmProvider } from '../types.ts';
import { buildOpenAiRequest } from './build-openai-request.ts';
import { missingProviderHint } from './missing-provider-hint.ts';
import { readOpenAiCompletion } from './read-openai-completion.ts';

/** Options of `createOpenAiProvider`. */
export interface OpenAiProviderOptions {
  /** `openai` (default) or `local`, an OpenAI-compatible server such as vLLM, llama.cpp or Ollama. */
  name?: 'openai' | 'local';
  /** Required for `openai`; a local server often needs none. */
  apiKey?: string | undefined;
  /** E.g. `https://eu.api.openai.com/v1` or `http://127.0.0.1:8000/v1`. */
  baseURL: string;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
}

// The SDK refuses to run without a key; local servers usually ignore the header.
const LOCAL_PLACEHOLDER_KEY = 'local';

/**
 * An LlmProvider on the Chat Completions API of OpenAI or of an OpenAI-compatible local server.
 * The SDK never retries (the router owns the only retry loop) and every call gets the request's
 * own timeout. Errors come out as ProviderError.
 */
export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const name = options.name ?? 'openai';
  if (name === 'openai' && !options.apiKey) throw new AosError('provider_missing_key', `openai: ${missingProviderHint('openai')}`);
  const apiKey = options.apiKey || LOCAL_PLACEHOLDER_KEY;
  // The SDK is imported with the first call, not at start: a process that never calls this vendor never loads it.
  let client: Promise<OpenAI> | undefined;
  const openClient = () =>
    (client ??= import('openai').then(
      ({ default: OpenAI }) =>
        new OpenAI({
          apiKey,
          baseURL: options.baseURL,
          maxRetries: 0,
          // Set explicitly so the SDK does not pick these up from the environment.
          adminAPIKey: null,
          organization: null,
          project: null,
          webhookSecret: null,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
    ));
  const endpoint = options.baseURL;

  async function complete(request: CompletionRequest): Promise<CompletionResult> {
    const body = buildOpenAiRequest(request, name);
    try {
      const { data, response } = await (await openClient()).chat.completions.create(body, { timeout: request.timeoutMs }).withResponse();
      return readOpenAiCompletion(data, request, name, response.headers.get('x-request-id') ?? undefined);
    } catch (error) {
      const { classifyProviderError } = await import('./classify-provider-error.ts');
      throw classifyProviderError(error, {
        provider: name,
        model: request.model,
        endpoint,
        timeoutMs: request.timeoutMs,
        secrets: [apiKey],
      });
    }
  }

  return { name, endpoint, complete };
}
