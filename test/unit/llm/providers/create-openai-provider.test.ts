import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { OPENAI_KEY, PLAN_SCHEMA, chatCompletion, makeRequest, failure } from './fixtures.ts';

const BASE = 'https://eu.api.openai.com';
const provider = createOpenAiProvider({ apiKey: OPENAI_KEY, baseURL: `${BASE}/v1` });

/** Answers one POST /v1/chat/completions and records the body and how many requests came. */
function answerOnce(status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen = { count: 0, body: undefined as Record<string, unknown> | undefined, auth: undefined as string | undefined };
  nock(BASE)
    .post('/v1/chat/completions')
    .reply(function (_uri, requestBody) {
      seen.count += 1;
      seen.body = requestBody as Record<string, unknown>;
      seen.auth = this.req.headers['authorization'] as string | undefined;
      return [status, body as nock.Body, headers];
    });
  return seen;
}

describe('createOpenAiProvider', () => {
  it('returns text, usage, finish reason and request id, sending max_completion_tokens', async () => {
    const seen = answerOnce(200, chatCompletion({ content: 'Change line 3.' }), { 'x-request-id': 'req_abc' });
    const result = await provider.complete(makeRequest({ temperature: 0.2 }));
    expect(result).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      text: 'Change line 3.',
      usage: { inputTokens: 42, outputTokens: 7 },
      finishReason: 'stop',
      requestId: 'req_abc',
    });
    expect(seen.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a careful planner.' },
        { role: 'user', content: 'Fix the failing test in src/add.ts.' },
      ],
      max_completion_tokens: 321,
      temperature: 0.2,
    });
    expect(seen.auth).toBe(`Bearer ${OPENAI_KEY}`);
    expect(provider.endpoint).toBe(`${BASE}/v1`);
  });

  it('reports finish_reason length as a result, not an error', async () => {
    const body = chatCompletion({ content: 'Change li' });
    (body['choices'] as Array<Record<string, unknown>>)[0]!['finish_reason'] = 'length';
    answerOnce(200, body);
    const result = await provider.complete(makeRequest());
    expect(result.finishReason).toBe('length');
    expect(result.text).toBe('Change li');
  });

  it('asks for a strict json_schema and returns the parsed object', async () => {
    const seen = answerOnce(200, chatCompletion({ content: '{"steps":["edit","test"]}' }));
    const result = await provider.complete(makeRequest({ schema: PLAN_SCHEMA }));
    expect(result.structured).toEqual({ steps: ['edit', 'test'] });
    expect(seen.body?.['response_format']).toEqual({
      type: 'json_schema',
      json_schema: { name: 'plan', description: 'The plan for the issue.', schema: PLAN_SCHEMA.jsonSchema, strict: true },
    });
  });

  it('throws invalid_output with the billed usage when the content is not JSON', async () => {
    answerOnce(200, chatCompletion({ content: '{"steps": ["edit",' }));
    const error = await failure(provider.complete(makeRequest({ schema: PLAN_SCHEMA })));
    expect(error.kind).toBe('invalid_output');
    expect(error.usage).toEqual({ inputTokens: 42, outputTokens: 7 });
    expect(error.retryable).toBe(false);
  });

  it('throws refusal when the message carries one', async () => {
    answerOnce(200, chatCompletion({ content: null, refusal: "I can't help with that." }));
    const error = await failure(provider.complete(makeRequest({ schema: PLAN_SCHEMA })));
    expect(error.kind).toBe('refusal');
    expect(error.message).toContain("I can't help with that.");
    expect(error.usage).toEqual({ inputTokens: 42, outputTokens: 7 });
  });

  it('estimates usage conservatively when the response has none', async () => {
    answerOnce(200, chatCompletion({ content: 'abcdefg' }, { usage: undefined }));
    const request = makeRequest();
    const result = await provider.complete(request);
    const chars = request.messages.reduce((sum, message) => sum + message.content.length, 0);
    expect(result.usage).toEqual({ inputTokens: Math.ceil(chars / 3), outputTokens: 3 });
    expect(result.usageEstimated).toBe(true);
  });

  it('maps 429 with Retry-After seconds to rate_limited and sends exactly one request', async () => {
    const seen = answerOnce(
      429,
      { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
      { 'retry-after': '2' },
    );
    const error = await failure(provider.complete(makeRequest()));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 2000, retryable: true });
    expect(seen.count).toBe(1);
  });

  it('prefers retry-after-ms', async () => {
    answerOnce(429, { error: { message: 'slow down' } }, { 'retry-after-ms': '1500', 'retry-after': '9' });
    const error = await failure(provider.complete(makeRequest()));
    expect(error.retryAfterMs).toBe(1500);
  });

  it('maps 500 to server, once', async () => {
    const seen = answerOnce(500, { error: { message: 'The server had an error' } });
    const error = await failure(provider.complete(makeRequest()));
    expect(error).toMatchObject({ kind: 'server', status: 500, retryable: true });
    expect(seen.count).toBe(1);
  });

  it('maps a response slower than timeoutMs to timeout', async () => {
    nock(BASE)
      .post('/v1/chat/completions')
      .delay(2_000)
      .reply(200, chatCompletion({ content: 'late' }));
    const error = await failure(provider.complete(makeRequest({ timeoutMs: 100 })));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('100 ms');
  });

  it('maps 401 to auth naming OPENAI_API_KEY and never echoing the key', async () => {
    answerOnce(401, {
      error: { message: `Incorrect API key provided: ${OPENAI_KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' },
    });
    const error = await failure(provider.complete(makeRequest()));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).not.toContain(OPENAI_KEY);
    expect(error.message).not.toContain(OPENAI_KEY.slice(8));
  });

  it('maps context_length_exceeded to context_window', async () => {
    answerOnce(400, {
      error: {
        message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    });
    const error = await failure(provider.complete(makeRequest()));
    expect(error).toMatchObject({ kind: 'context_window', status: 400, retryable: false });
  });

  it('maps another 400 to bad_request and 404 to not_found naming the model', async () => {
    answerOnce(400, { error: { message: "Invalid value for 'temperature'", type: 'invalid_request_error' } });
    expect((await failure(provider.complete(makeRequest()))).kind).toBe('bad_request');
    answerOnce(404, { error: { message: 'The model `gpt-9` does not exist', code: 'model_not_found' } });
    const error = await failure(provider.complete(makeRequest({ model: 'gpt-9' })));
    expect(error.kind).toBe('not_found');
    expect(error.message).toContain('"gpt-9"');
  });

  it('refuses to be built without a key', () => {
    expect(() => createOpenAiProvider({ baseURL: `${BASE}/v1` })).toThrow(/OPENAI_API_KEY/);
  });
});
