import type { Message } from '@anthropic-ai/sdk/resources/messages';
import { judgeReportedUsage } from '../../policy/finops/index.ts';
import { ProviderError } from '../provider-error.ts';
import type { CompletionRequest, CompletionResult, ToolCall, Usage } from '../types.ts';
import { estimateUsage } from './estimate-usage.ts';

// Anthropic's words mapped onto the router's; anything else (pause_turn,
// model_context_window_exceeded) is passed through as the vendor said it.
const FINISH_REASONS: Readonly<Record<string, string>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'stop',
  max_tokens: 'length',
};

/**
 * Turns a Messages API answer into a CompletionResult. With a schema, `structured` is the input
 * of the forced tool call. `stop_reason: refusal`, a missing tool call, or a tool call cut off at
 * max_tokens are thrown as ProviderError carrying the billed usage. Calls of the request's own
 * `tools` come back in `toolCalls`; when there are any, the answer tool is not required. Usage that cannot be a bill
 * (any count negative, fractional or absurd) is thrown as `invalid_usage`.
 */
export function readAnthropicMessage(message: Message, request: CompletionRequest, requestId: string | undefined): CompletionResult {
  const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  const toolUse = message.content.find((block) => block.type === 'tool_use' && block.name === request.schema?.name);
  const structured = toolUse?.type === 'tool_use' ? toolUse.input : undefined;
  const offered = new Set((request.tools ?? []).map((tool) => tool.name));
  const toolCalls: ToolCall[] = message.content.flatMap((block) =>
    block.type === 'tool_use' && offered.has(block.name)
      ? [{ id: block.id, name: block.name, arguments: (block.input ?? {}) as Record<string, unknown> }]
      : [],
  );
  const { usage, estimated } = readUsage(
    message,
    request,
    toolUse ? JSON.stringify(structured) : toolCalls.length > 0 ? JSON.stringify(toolCalls) : text,
  );
  const fail = (kind: 'refusal' | 'invalid_output', why: string): ProviderError =>
    new ProviderError({ provider: 'anthropic', kind, message: `${request.model} ${why}`, usage });
  const stopReason = message.stop_reason ?? 'unknown';
  if (stopReason === 'refusal') throw fail('refusal', `declined to answer${text ? `: ${text}` : ''}`);
  const result: CompletionResult = {
    provider: 'anthropic',
    model: message.model || request.model,
    text,
    usage,
    finishReason: toolCalls.length > 0 && !toolUse ? 'tool_calls' : (FINISH_REASONS[stopReason] ?? stopReason),
    ...(toolCalls.length > 0 && !toolUse ? { toolCalls } : {}),
    ...(estimated ? { usageEstimated: true } : {}),
    ...(requestId ? { requestId } : {}),
  };
  if (request.schema === undefined || (toolCalls.length > 0 && !toolUse)) return result;
  if (stopReason === 'max_tokens')
    throw fail('invalid_output', `was cut off at ${request.maxTokens} tokens before completing ${request.schema.name}`);
  if (!toolUse) throw fail('invalid_output', `did not call the tool ${request.schema.name}`);
  return { ...result, structured };
}

const COUNTS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const;

// Cache reads and writes are billed input too; counting them at the full input price errs on
// the side of the budget. Each count is judged before they are added up, so a negative cache
// count cannot cancel out the input count.
function readUsage(message: Message, request: CompletionRequest, output: string): { usage: Usage; estimated: boolean } {
  const reported = (message.usage ?? {}) as Partial<Record<(typeof COUNTS)[number], unknown>>;
  if ((reported.input_tokens ?? undefined) === undefined && (reported.output_tokens ?? undefined) === undefined)
    return { usage: estimateUsage(request.messages, output, request.tools), estimated: true };
  const counts: Record<string, unknown> = { input_tokens: reported.input_tokens, output_tokens: reported.output_tokens };
  for (const name of COUNTS.slice(2)) if ((reported[name] ?? undefined) !== undefined) counts[name] = reported[name];
  const judged = judgeReportedUsage(counts);
  if (!judged.ok)
    throw new ProviderError({
      provider: 'anthropic',
      kind: 'invalid_usage',
      message: `${request.model} reported usage that cannot be charged: ${judged.reason}`,
    });
  const sum = (names: readonly string[]) => names.reduce((total, name) => total + ((counts[name] as number | undefined) ?? 0), 0);
  return { usage: { inputTokens: sum(['input_tokens', ...COUNTS.slice(2)]), outputTokens: sum(['output_tokens']) }, estimated: false };
}
