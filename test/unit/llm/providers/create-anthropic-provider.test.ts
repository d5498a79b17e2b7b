import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '#src/llm/providers/create-anthropic-provider.ts';
import { ANTHROPIC_KEY, PLAN_SCHEMA, anthropicMessage, makeRequest, failure } from './fixtures.ts';

const BASE = 'https://api.anthropic.com';
const MODEL = 'claude-3-5-haiku-20241022';
const provider = createAnthropicProvider({ apiKey: ANTHROPIC_KEY, baseURL: BASE });

function answerOnce(status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen = { count: 0, body: undefined as Record<string, unknown> | undefined };
  nock(BASE)
    .post('/v1/messages')
    .reply((_uri, requestBody) => {
      seen.count += 1;
      seen.body = requestBody as Record<string, unknown>;
      return [status, body as nock.Body, headers];
    });
  return seen;
}

function apiError(type: string, message: string): Record<string, unknown> {
  return { type: 'error', error: { type, message } };
}

describe('createAnthropicProvider', () => {
  it('puts system messages in `system`, alternates turns and returns text, usage and request id', async () => {
    const seen = answerOnce(200, anthropicMessage([{ type: 'text', text: 'Change line 3.', citations: null }]), {
      'request-id': 'req_011',
    });
    const request = makeRequest({
      model: MODEL,
      messages: [
        { role: 'system', content: 'You are a careful planner.' },
        { role: 'user', content: 'Issue text.' },
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'Repository summary.' },
      ],
    });
    const result = await provider.complete(request);
    expect(result).toEqual({
      provider: 'anthropic',
      model: MODEL,
      text: 'Change line 3.',
      usage: { inputTokens: 55, outputTokens: 11 },
      finishReason: 'stop',
      requestId: 'req_011',
    });
    expect(seen.body).toEqual({
      model: MODEL,
      max_tokens: 321,
      system: 'You are a careful planner.\n\nAnswer briefly.',
      messages: [{ role: 'user', content: 'Issue text.\n\nRepository summary.' }],
    });
  });

  it('reports max_tokens as finish reason length', async () => {
    answerOnce(200, anthropicMessage([{ type: 'text', text: 'Change li', citations: null }], { stop_reason: 'max_tokens' }));
    const result = await provider.complete(makeRequest({ model: MODEL }));
    expect(result.finishReason).toBe('length');
  });

  it('forces one tool for structured output and returns its input', async () => {
    const toolUse = { type: 'tool_use', id: 'toolu_1', name: 'plan', input: { steps: ['edit', 'test'] } };
    const seen = answerOnce(200, anthropicMessage([toolUse], { stop_reason: 'tool_use' }));
    const result = await provider.complete(makeRequest({ model: MODEL, schema: PLAN_SCHEMA }));
    expect(result.structured).toEqual({ steps: ['edit', 'test'] });
    expect(result.text).toBe('');
    expect(result.finishReason).toBe('stop');
    expect(seen.body?.['tools']).toEqual([{ name: 'plan', description: 'The plan for the issue.', input_schema: PLAN_SCHEMA.jsonSchema }]);
    expect(seen.body?.['tool_choice']).toEqual({ type: 'tool', name: 'plan' });
  });

  it('throws invalid_output with usage when the tool call is missing or cut off', async () => {
    answerOnce(200, anthropicMessage([{ type: 'text', text: 'Here is the plan: edit, test', citations: null }]));
    const missing = await failure(provider.complete(makeRequest({ model: MODEL, schema: PLAN_SCHEMA })));
    expect(missing).toMatchObject({ kind: 'invalid_output', usage: { inputTokens: 55, outputTokens: 11 } });
    const partial = { type: 'tool_use', id: 'toolu_2', name: 'plan', input: {} };
    answerOnce(200, anthropicMessage([partial], { stop_reason: 'max_tokens' }));
    const cut = await failure(provider.complete(makeRequest({ model: MODEL, schema: PLAN_SCHEMA })));
    expect(cut.kind).toBe('invalid_output');
    expect(cut.message).toContain('cut off at 321 tokens');
  });

  it('throws refusal on stop_reason refusal, with usage', async () => {
    answerOnce(200, anthropicMessage([], { stop_reason: 'refusal' }));
    const error = await failure(provider.complete(makeRequest({ model: MODEL })));
    expect(error).toMatchObject({ kind: 'refusal', retryable: false, usage: { inputTokens: 55, outputTokens: 11 } });
  });

  it('maps 429 with Retry-After to rate_limited and sends exactly one request', async () => {
    const seen = answerOnce(429, apiError('rate_limit_error', 'Number of request tokens has exceeded your rate limit'), {
      'retry-after': '2',
    });
    const error = await failure(provider.complete(makeRequest({ model: MODEL })));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 2000, retryable: true });
    expect(error.message).toContain('Number of request tokens has exceeded your rate limit');
    expect(seen.count).toBe(1);
  });

  it('reads retry-after-ms', async () => {
    answerOnce(429, apiError('rate_limit_error', 'slow down'), { 'retry-after-ms': '1500' });
    expect((await failure(provider.complete(makeRequest({ model: MODEL })))).retryAfterMs).toBe(1500);
  });

  it('maps 500 and 529 overloaded to server, one request each', async () => {
    const first = answerOnce(500, apiError('api_error', 'Internal server error'));
    expect(await failure(provider.complete(makeRequest({ model: MODEL })))).toMatchObject({ kind: 'server', status: 500 });
    const second = answerOnce(529, apiError('overloaded_error', 'Overloaded'));
    const overloaded = await failure(provider.complete(makeRequest({ model: MODEL })));
    expect(overloaded).toMatchObject({ kind: 'server', status: 529, retryable: true });
    expect(overloaded.message).toContain('overloaded');
    expect([first.count, second.count]).toEqual([1, 1]);
  });

  it('maps a response slower than timeoutMs to timeout', async () => {
    nock(BASE).post('/v1/messages').delay(2_000).reply(200, anthropicMessage([]));
    const error = await failure(provider.complete(makeRequest({ model: MODEL, timeoutMs: 100 })));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('maps 401 to auth naming ANTHROPIC_API_KEY and never echoing the key', async () => {
    answerOnce(401, apiError('authentication_error', `invalid x-api-key ${ANTHROPIC_KEY}`));
    const error = await failure(provider.complete(makeRequest({ model: MODEL })));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('ANTHROPIC_API_KEY');
    expect(error.message).not.toContain(ANTHROPIC_KEY.slice(14));
  });

  it.each([
    'prompt is too long: 208310 tokens > 200000 maximum',
    'input length and `max_tokens` exceed context limit: 197000 + 8192 > 200000, decrease input length or `max_tokens` and try again',
  ])('maps "%s" to context_window', async (message) => {
    answerOnce(400, apiError('invalid_request_error', message));
    expect(await failure(provider.complete(makeRequest({ model: MODEL })))).toMatchObject({ kind: 'context_window', status: 400 });
  });

  it('maps another 400 to bad_request', async () => {
    answerOnce(400, apiError('invalid_request_error', 'messages: roles must alternate'));
    const error = await failure(provider.complete(makeRequest({ model: MODEL })));
    expect(error.kind).toBe('bad_request');
    expect(error.message).toContain('roles must alternate');
  });
});
