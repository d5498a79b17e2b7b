import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatMessage, CompletionRequest } from '../types.ts';

/**
 * The Chat Completions body for a request. OpenAI takes `max_completion_tokens` (`max_tokens` is
 * deprecated there and refused by reasoning models); OpenAI-compatible local servers (vLLM,
 * llama.cpp, Ollama) understand `max_tokens`. A schema becomes a strict `json_schema` format;
 * tools become `function` tools the model may call instead of answering.
 */
export function buildOpenAiRequest(request: CompletionRequest, flavour: 'openai' | 'local'): ChatCompletionCreateParamsNonStreaming {
  const { schema, tools } = request;
  return {
    model: request.model,
    messages: request.messages.map(toOpenAiMessage),
    ...(flavour === 'local' ? { max_tokens: request.maxTokens } : { max_completion_tokens: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(tools === undefined || tools.length === 0
      ? {}
      : {
          tools: tools.map((tool) => ({
            type: 'function' as const,
            function: { name: tool.name, description: tool.description, parameters: tool.parameters },
          })),
          tool_choice: request.toolChoice ?? 'auto',
        }),
    ...(schema === undefined
      ? {}
      : {
          response_format: {
            type: 'json_schema',
            json_schema: {
              name: schema.name,
              ...(schema.description === undefined ? {} : { description: schema.description }),
              schema: schema.jsonSchema,
              strict: true,
            },
          },
        }),
  };
}

// Tool calls go back as the assistant's `tool_calls` (arguments as a JSON string, as OpenAI sent
// them), and each result as a `tool` message naming its call.
function toOpenAiMessage(message: ChatMessage): ChatCompletionMessageParam {
  const { role, content } = message;
  if (role === 'tool') return { role: 'tool', tool_call_id: message.toolCallId ?? '', content };
  if (role === 'assistant' && message.toolCalls && message.toolCalls.length > 0)
    return {
      role: 'assistant',
      content: content === '' ? null : content,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      })),
    };
  return { role, content };
}
