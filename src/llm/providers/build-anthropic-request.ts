import type { ContentBlockParam, MessageCreateParamsNonStreaming, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage, CompletionRequest } from '../types.ts';

/**
 * The Messages API body for a request: system messages joined into the top-level `system`,
 * consecutive turns of one role merged so user and assistant alternate, and a schema turned into
 * the one tool the model must call, whose input is the answer. With read-only `tools` as well the
 * model must call one of them or the answer tool (`tool_choice: any`), or only the answer tool
 * under `toolChoice: none`; an assistant turn's tool
 * calls become `tool_use` blocks and their results `tool_result` blocks of the next user turn.
 */
export function buildAnthropicRequest(request: CompletionRequest): MessageCreateParamsNonStreaming {
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n\n');
  const { schema } = request;
  const tools: Tool[] = (request.tools ?? []).map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.parameters as Tool.InputSchema,
  }));
  if (schema !== undefined)
    tools.push({
      name: schema.name,
      description: schema.description ?? `Give the answer as ${schema.name}.`,
      // Anthropic requires an object schema; zod object schemas already are.
      input_schema: schema.jsonSchema as Tool.InputSchema,
    });
  const callable = (request.tools ?? []).length > 0 && request.toolChoice !== 'none';
  // Tools already used in the conversation must stay defined even when they may not be called now.
  const choice =
    schema !== undefined
      ? callable
        ? ({ type: 'any' } as const)
        : ({ type: 'tool', name: schema.name } as const)
      : (request.tools ?? []).length > 0
        ? ({ type: callable ? 'auto' : 'none' } as const)
        : undefined;
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: alternate(request.messages),
    ...(system === '' ? {} : { system }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(tools.length === 0 ? {} : { tools }),
    ...(choice === undefined ? {} : { tool_choice: choice }),
  };
}

function blocksOf(message: ChatMessage): ContentBlockParam[] {
  if (message.role === 'tool') return [{ type: 'tool_result', tool_use_id: message.toolCallId ?? '', content: message.content }];
  const text: ContentBlockParam[] = message.content === '' ? [] : [{ type: 'text', text: message.content }];
  const calls: ContentBlockParam[] = (message.toolCalls ?? []).map((call) => ({
    type: 'tool_use',
    id: call.id,
    name: call.name,
    input: call.arguments,
  }));
  return [...text, ...calls];
}

// Plain text turns stay strings (what the API has always been sent); a turn with tool blocks is a
// block list. Tool results are user turns to Anthropic.
function alternate(messages: readonly ChatMessage[]): MessageParam[] {
  const turns: Array<{ role: 'user' | 'assistant'; blocks: ContentBlockParam[]; plain: boolean }> = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const role = message.role === 'tool' ? 'user' : message.role;
    const plain = message.role !== 'tool' && (message.toolCalls ?? []).length === 0;
    const last = turns.at(-1);
    if (last?.role === role) {
      last.blocks.push(...blocksOf(message));
      last.plain &&= plain;
    } else turns.push({ role, blocks: blocksOf(message), plain });
  }
  return turns.map(({ role, blocks, plain }) =>
    plain ? { role, content: blocks.map((block) => (block.type === 'text' ? block.text : '')).join('\n\n') } : { role, content: blocks },
  );
}
