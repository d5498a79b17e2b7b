import type Anthropic from '@anthropic-ai/sdk';
import type { CompletionRequest, CompletionResult, LlmProvider } from '../types.ts';
import { buildAnthropicRequest } from './build-anthropic-request.ts';
import { readAnthropicMessage } from './read-anthropic-message.ts';

/** Options of `createAnthropicProvider`. */
export interface AnthropicProviderOptions {
  apiKey: string;
  /** E.g. `https://api.anthropic.com`. */
  baseURL: string;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * An LlmProvider on Anthropic's Messages API. The SDK never retries (the router owns the only
 * retry loop) and every call gets the request's own timeout. Errors come out as ProviderError.
 */
export function createAnthropicProvider(options: AnthropicProviderOptions): LlmProvider {
  const { apiKey, baseURL: endpoint } = options;
  // The SDK is imported with the first call, not at start: a process that never calls this vendor never loads it.
  let client: Promise<Anthropic> | undefined;
  const openClient = () =>
    (client ??= import('@anthropic-ai/sdk').then(
      ({ default: Anthropic }) =>
        new Anthropic({
          apiKey,
          baseURL: endpoint,
          maxRetries: 0,
          webhookKey: null,
          // aos has its own tracing; the SDK's spans could carry prompt text to wherever a tracer exports.
          openTelemetry: false,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
    ));

  async function complete(request: CompletionRequest): Promise<CompletionResult> {
    const body = buildAnthropicRequest(request);
    try {
      const { data, response } = await (await openClient()).messages.create(body, { timeout: request.timeoutMs }).withResponse();
      return readAnthropicMessage(data, request, response.headers.get('request-id') ?? undefined);
    } catch (error) {
      const { classifyProviderError } = await import('./classify-provider-error.ts');
      throw classifyProviderError(error, {
        provider: 'anthropic',
        model: request.model,
        endpoint,
        timeoutMs: request.timeoutMs,
        secrets: [apiKey],
      });
    }
  }

  return { name: 'anthropic', endpoint, complete };
}
