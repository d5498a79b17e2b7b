import type { MessageCreateParamsNonStreaming, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage, CompletionRequest } from '../types.ts';

/**
 * The Messages API body for a request: system messages joined into the top-level `system`,
 * consecutive turns of one role merged so user and assistant alternate, and a schema turned into
 * the one tool the model must call (`tool_choice: { type: 'tool' }`), whose input is the answer.
 */
export function buildAnthropicRequest(request: CompletionRequest): MessageCreateParamsNonStreaming {
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n\n');
  const { schema } = request;
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: alternate(request.messages),
    ...(system === '' ? {} : { system }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(schema === undefined
      ? {}
      : {
          tools: [
            {
              name: schema.name,
              description: schema.description ?? `Give the answer as ${schema.name}.`,
              // Anthropic requires an object schema; zod object schemas already are.
              input_schema: schema.jsonSchema as Tool.InputSchema,
            },
          ],
          tool_choice: { type: 'tool', name: schema.name },
        }),
  };
}

function alternate(messages: readonly ChatMessage[]): MessageParam[] {
  const turns: Array<{ role: 'user' | 'assistant'; content: string }> = [];
  for (const { role, content } of messages) {
    if (role === 'system') continue;
    const last = turns.at(-1);
    if (last?.role === role) last.content = `${last.content}\n\n${content}`;
    else turns.push({ role, content });
  }
  return turns;
}
