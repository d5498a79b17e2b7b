import type { ChatCompletion } from 'openai/resources/chat/completions';
import { ProviderError } from '../provider-error.ts';
import type { CompletionRequest, CompletionResult, ProviderName, Usage } from '../types.ts';
import { estimateUsage } from './estimate-usage.ts';

/**
 * Turns a Chat Completions answer into a CompletionResult: usage as reported (or a conservative
 * estimate, flagged, when a local server sent none), `finish_reason` as is (`length` is a
 * result, not an error), the parsed JSON when a schema was asked for. A refusal, or content that
 * is not JSON under a schema, is thrown as a ProviderError carrying the billed usage.
 */
export function readOpenAiCompletion(
  completion: ChatCompletion,
  request: CompletionRequest,
  provider: ProviderName,
  requestId: string | undefined,
): CompletionResult {
  const choice = completion.choices[0];
  const text = choice?.message.content ?? '';
  const { usage, estimated } = readUsage(completion, request, text);
  const fail = (kind: 'refusal' | 'invalid_output', message: string): ProviderError =>
    new ProviderError({ provider, kind, message, usage });
  if (!choice) throw fail('invalid_output', `${request.model} returned no choices`);
  const { refusal } = choice.message;
  if (typeof refusal === 'string' && refusal.length > 0) throw fail('refusal', `${request.model} declined: ${refusal}`);
  const result: CompletionResult = {
    provider,
    model: completion.model || request.model,
    text,
    usage,
    finishReason: choice.finish_reason,
    ...(estimated ? { usageEstimated: true } : {}),
    ...(requestId ? { requestId } : {}),
  };
  if (request.schema === undefined) return result;
  try {
    return { ...result, structured: JSON.parse(text) as unknown };
  } catch {
    const why = choice.finish_reason === 'length' ? `was cut off at ${request.maxTokens} tokens` : 'is not valid JSON';
    throw fail('invalid_output', `the answer of ${request.model} for schema ${request.schema.name} ${why}`);
  }
}

function readUsage(completion: ChatCompletion, request: CompletionRequest, text: string): { usage: Usage; estimated: boolean } {
  const reported = completion.usage;
  if (reported && Number.isFinite(reported.prompt_tokens) && Number.isFinite(reported.completion_tokens)) {
    return { usage: { inputTokens: reported.prompt_tokens, outputTokens: reported.completion_tokens }, estimated: false };
  }
  return { usage: estimateUsage(request.messages, text), estimated: true };
}
