import { expect } from 'vitest';
import { ProviderError } from '#src/llm/provider-error.ts';
import type { CompletionRequest, OutputSchema } from '#src/llm/types.ts';

/** Shaped like real keys so the shared redaction patterns would also recognise them. */
export const OPENAI_KEY = 'sk-proj-Xq7PtL2vN9cR4mW8bZ1yK6hD3sF5gJ0aQeUiOoTrYwLpMnBv';
export const ANTHROPIC_KEY = 'sk-ant-api03-Rm4Tq9Lx2Vc7Np1Zs8Kd3Hf6Jg0Wb5YePaQiUoErTyLnMbVcXz';

/** A zod-like object schema for the structured-output tests. */
export const PLAN_SCHEMA: OutputSchema = {
  name: 'plan',
  description: 'The plan for the issue.',
  jsonSchema: {
    type: 'object',
    properties: { steps: { type: 'array', items: { type: 'string' } } },
    required: ['steps'],
    additionalProperties: false,
  },
};

/** A request with a system prompt, one user turn and the budget-derived token cap. */
export function makeRequest(overrides: Partial<CompletionRequest> = {}): CompletionRequest {
  return {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are a careful planner.' },
      { role: 'user', content: 'Fix the failing test in src/add.ts.' },
    ],
    maxTokens: 321,
    timeoutMs: 5_000,
    ...overrides,
  };
}

/** A Chat Completions answer with one choice. */
export function chatCompletion(
  message: { content: string | null; refusal?: string | null },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_763_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 },
    ...extra,
  };
}

/** A Messages API answer. */
export function anthropicMessage(content: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'msg_01',
    type: 'message',
    role: 'assistant',
    model: 'claude-3-5-haiku-20241022',
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 55, output_tokens: 11, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    ...extra,
  };
}

/** Awaits a call that must fail and returns its ProviderError. */
export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
