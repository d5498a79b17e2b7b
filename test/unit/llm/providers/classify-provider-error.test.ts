import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '#src/llm/provider-error.ts';
import { classifyProviderError } from '#src/llm/providers/classify-provider-error.ts';

const CONTEXT = { provider: 'openai', model: 'gpt-4o', endpoint: 'https://eu.api.openai.com/v1', timeoutMs: 1000 } as const;

// Errors as the SDKs build them from a response; the network paths are covered by the provider tests.
describe('classifyProviderError', () => {
  it.each([
    [408, 'timeout'],
    [409, 'server'],
    [403, 'auth'],
    [413, 'bad_request'],
    [422, 'bad_request'],
    [503, 'server'],
  ] as const)('maps status %i to %s', (status, kind) => {
    const error = OpenAI.APIError.generate(status, { error: { message: 'vendor says no' } }, undefined, new Headers());
    expect(classifyProviderError(error, CONTEXT)).toMatchObject({ kind, status });
  });

  it('maps the SDK timeout and a user abort to timeout', () => {
    expect(classifyProviderError(new Anthropic.APIConnectionTimeoutError(), { ...CONTEXT, provider: 'anthropic' }).kind).toBe('timeout');
    expect(classifyProviderError(new OpenAI.APIUserAbortError(), CONTEXT).kind).toBe('timeout');
  });

  it('returns a ProviderError unchanged and redacts keys in unknown errors', () => {
    const known = new ProviderError({ provider: 'openai', kind: 'refusal', message: 'no' });
    expect(classifyProviderError(known, CONTEXT)).toBe(known);
    const leaked = classifyProviderError(new Error('boom sk-proj-Xq7PtL2vN9cR4mW8bZ1yK6hD3sF5gJ0aQeUi'), CONTEXT);
    expect(leaked.kind).toBe('bad_request');
    expect(leaked.message).not.toContain('Xq7PtL2vN9cR4mW8bZ1yK6hD3sF5gJ0aQeUi');
  });

  it('reads llama.cpp context-size errors as context_window', () => {
    const body = {
      error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error' },
    };
    const error = OpenAI.APIError.generate(400, body, undefined, new Headers());
    expect(classifyProviderError(error, { ...CONTEXT, provider: 'local' }).kind).toBe('context_window');
  });
});
