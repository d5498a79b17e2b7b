import type { ChatCompletion } from 'openai/resources/chat/completions';
import { judgeReportedUsage } from '../../policy/finops/index.ts';
import { ProviderError } from '../provider-error.ts';
import type { CompletionRequest, CompletionResult, ProviderName, ToolCall, Usage } from '../types.ts';
import { estimateUsage } from './estimate-usage.ts';

/**
 * Turns a Chat Completions answer into a CompletionResult: usage as reported (or a conservative
 * estimate, flagged, when a local server sent none), `finish_reason` as is (`length` is a
 * result, not an error), the parsed JSON when a schema was asked for. A refusal, or content that
 * is not JSON under a schema, is thrown as a ProviderError carrying the billed usage. Usage that
 * cannot be a bill (a negative, fractional or absurd count) is thrown as `invalid_usage`. Function
 * tool calls come back in `toolCalls` (then no JSON answer is expected); a call whose arguments are
 * not a JSON object is `invalid_output`.
 */
export function readOpenAiCompletion(
  completion: ChatCompletion,
  request: CompletionRequest,
  provider: ProviderName,
  requestId: string | undefined,
): CompletionResult {
  const choice = completion.choices[0];
  const text = choice?.message.content ?? '';
  const calls = choice?.message.tool_calls;
  // Tool calls are output the vendor bills like text; an estimate must count them.
  const output = calls && calls.length > 0 ? `${text}${JSON.stringify(calls)}` : text;
  const { usage, estimated } = readUsage(completion, request, provider, output);
  const fail = (kind: 'refusal' | 'invalid_output', message: string): ProviderError =>
    new ProviderError({ provider, kind, message, usage });
  if (!choice) throw fail('invalid_output', `${request.model} returned no choices`);
  const { refusal } = choice.message;
  if (typeof refusal === 'string' && refusal.length > 0) throw fail('refusal', `${request.model} declined: ${refusal}`);
  const toolCalls = request.tools && request.tools.length > 0 ? readToolCalls(choice.message.tool_calls ?? [], request, fail) : [];
  const result: CompletionResult = {
    provider,
    model: completion.model || request.model,
    text,
    usage,
    finishReason: toolCalls.length > 0 ? 'tool_calls' : choice.finish_reason,
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    ...(estimated ? { usageEstimated: true } : {}),
    ...(requestId ? { requestId } : {}),
  };
  if (request.schema === undefined || toolCalls.length > 0) return result;
  try {
    return { ...result, structured: JSON.parse(text) as unknown };
  } catch {
    const why = choice.finish_reason === 'length' ? `was cut off at ${request.maxTokens} tokens` : 'is not valid JSON';
    throw fail('invalid_output', `the answer of ${request.model} for schema ${request.schema.name} ${why}`);
  }
}

function readToolCalls(
  calls: NonNullable<ChatCompletion['choices'][number]['message']['tool_calls']>,
  request: CompletionRequest,
  fail: (kind: 'invalid_output', message: string) => ProviderError,
): ToolCall[] {
  return calls.flatMap((call) => {
    if (call.type !== 'function') return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(call.function.arguments || '{}');
    } catch {
      throw fail('invalid_output', `${request.model} called ${call.function.name} with arguments that are not JSON`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw fail('invalid_output', `${request.model} called ${call.function.name} with arguments that are not a JSON object`);
    return [{ id: call.id, name: call.function.name, arguments: parsed as Record<string, unknown> }];
  });
}

// Only a report with neither count is "no usage" (some local servers send none); a report with
// any count is judged whole, so a partial or broken one is refused rather than estimated.
function readUsage(
  completion: ChatCompletion,
  request: CompletionRequest,
  provider: ProviderName,
  output: string,
): { usage: Usage; estimated: boolean } {
  const reported = completion.usage as Partial<Record<'prompt_tokens' | 'completion_tokens', unknown>> | null | undefined;
  const counts = { prompt_tokens: reported?.prompt_tokens ?? undefined, completion_tokens: reported?.completion_tokens ?? undefined };
  if (counts.prompt_tokens === undefined && counts.completion_tokens === undefined)
    return { usage: estimateUsage(request.messages, output, request.tools), estimated: true };
  const judged = judgeReportedUsage(counts);
  if (!judged.ok)
    throw new ProviderError({
      provider,
      kind: 'invalid_usage',
      message: `${request.model} reported usage that cannot be charged: ${judged.reason}`,
    });
  return { usage: { inputTokens: counts.prompt_tokens as number, outputTokens: counts.completion_tokens as number }, estimated: false };
}
