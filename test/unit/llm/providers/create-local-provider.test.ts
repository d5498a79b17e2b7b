import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import { PLAN_SCHEMA, chatCompletion, makeRequest, failure } from './fixtures.ts';
import { startLocalServerDouble, type LocalServerDouble } from './local-server-double.ts';

const MODEL = 'Qwen/Qwen2.5-Coder-32B-Instruct';
let server: LocalServerDouble;

beforeAll(async () => {
  server = await startLocalServerDouble();
});

afterAll(async () => {
  await server.close();
});

describe('createOpenAiProvider with name local', () => {
  it('sends max_tokens and a placeholder key, and flags estimated usage when the server sends none', async () => {
    const provider = createOpenAiProvider({ name: 'local', baseURL: server.baseURL });
    server.reply({ status: 200, body: chatCompletion({ content: '{"steps":["edit"]}' }, { model: MODEL, usage: null }) });
    const result = await provider.complete(makeRequest({ model: MODEL, schema: PLAN_SCHEMA }));
    expect(result).toMatchObject({ provider: 'local', model: MODEL, structured: { steps: ['edit'] }, usageEstimated: true });
    expect(result.requestId).toBeUndefined();
    expect(result.usage.outputTokens).toBe(Math.ceil('{"steps":["edit"]}'.length / 3));
    const request = server.seen.at(-1);
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers['authorization']).toBe('Bearer local');
    expect(request?.body['max_tokens']).toBe(321);
    expect(request?.body).not.toHaveProperty('max_completion_tokens');
    expect(provider.name).toBe('local');
  });

  it('maps a maximum-context-length 400 (vLLM wording and shape) to context_window', async () => {
    const provider = createOpenAiProvider({ name: 'local', baseURL: server.baseURL });
    const message = "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens.";
    server.reply({ status: 400, body: { error: { message, type: 'BadRequestError', param: null, code: 400 } } });
    expect((await failure(provider.complete(makeRequest({ model: MODEL })))).kind).toBe('context_window');
  });

  it('names the local server, not an OpenAI variable, on 401, and hides a key of any shape', async () => {
    const key = 'homelab-secret-4821';
    const provider = createOpenAiProvider({ name: 'local', apiKey: key, baseURL: server.baseURL });
    server.reply({ status: 401, body: { error: { message: `bad key ${key}` } } });
    const error = await failure(provider.complete(makeRequest({ model: MODEL })));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain(server.baseURL);
    expect(error.message).not.toContain('OPENAI_API_KEY');
    expect(error.message).not.toContain(key);
    expect(server.seen.at(-1)?.headers['authorization']).toBe(`Bearer ${key}`);
  });

  it('maps a refused connection to connection', async () => {
    const closed = await startLocalServerDouble();
    await closed.close();
    const provider = createOpenAiProvider({ name: 'local', baseURL: closed.baseURL });
    const error = await failure(provider.complete(makeRequest({ model: MODEL })));
    expect(error).toMatchObject({ kind: 'connection', retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });
});
