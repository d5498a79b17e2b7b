import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { CompletionRequest } from '../types.ts';

/**
 * The Chat Completions body for a request. OpenAI takes `max_completion_tokens` (`max_tokens` is
 * deprecated there and refused by reasoning models); OpenAI-compatible local servers (vLLM,
 * llama.cpp, Ollama) understand `max_tokens`. A schema becomes a strict `json_schema` format.
 */
export function buildOpenAiRequest(request: CompletionRequest, flavour: 'openai' | 'local'): ChatCompletionCreateParamsNonStreaming {
  const { schema } = request;
  return {
    model: request.model,
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    ...(flavour === 'local' ? { max_tokens: request.maxTokens } : { max_completion_tokens: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
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
