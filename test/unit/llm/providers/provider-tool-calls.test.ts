import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_TOOL_DEFINITIONS } from '#src/agents/tools/tool-definitions.ts';
import { createAnthropicProvider } from '#src/llm/providers/create-anthropic-provider.ts';
import { createOpenAiProvider } from '#src/llm/providers/create-openai-provider.ts';
import type { ChatMessage } from '#src/llm/types.ts';
import { completionBody, startOpenAiDouble, toolCallBody } from '../../../helpers/openai-double.ts';
import { ANTHROPIC_KEY, OPENAI_KEY, PLAN_SCHEMA, anthropicMessage, makeRequest } from './fixtures.ts';

const TOOLS = [...REPO_TOOL_DEFINITIONS];
/** A conversation after one tool turn: the model asked for a file, the result came back. */
const AFTER_ONE_CALL: ChatMessage[] = [
  { role: 'system', content: 'You are a careful planner.' },
  { role: 'user', content: 'Fix the failing test in src/add.ts.' },
  { role: 'assistant', content: '', toolCalls: [{ id: 'call_7', name: 'read_file', arguments: { path: 'src/add.ts' } }] },
  { role: 'tool', toolCallId: 'call_7', content: '<tool-result tool="read_file">\n1| export const add = 1;\n</tool-result>' },
];

describe('tool calls on the OpenAI wire (Chat Completions, over HTTP to the double)', () => {
  let double: Awaited<ReturnType<typeof startOpenAiDouble>>;
  let answers: Array<{ status: number; body: unknown }> = [];
  beforeAll(async () => {
    double = await startOpenAiDouble((_body, index) => answers[index] ?? { status: 400, body: { error: { message: 'unscripted' } } });
  });
  afterAll(async () => {
    await double.close();
  });

  it('sends function tools and reads tool_calls back with parsed arguments', async () => {
    answers = [
      { status: 200, body: toolCallBody([{ id: 'call_1', name: 'search', arguments: { pattern: 'add(', path_glob: 'src/**' } }]) },
    ];
    const provider = createOpenAiProvider({ apiKey: OPENAI_KEY, baseURL: double.url });
    const result = await provider.complete(makeRequest({ tools: TOOLS, schema: PLAN_SCHEMA }));
    expect(result.toolCalls).toEqual([{ id: 'call_1', name: 'search', arguments: { pattern: 'add(', path_glob: 'src/**' } }]);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.structured).toBeUndefined();
    const sent = double.requests.at(-1)!;
    expect(sent.tool_choice).toBe('auto');
    expect((sent.tools as Array<{ type: string; function: { name: string } }>).map((tool) => [tool.type, tool.function.name])).toEqual([
      ['function', 'read_file'],
      ['function', 'search'],
      ['function', 'list_dir'],
    ]);
  });

  it('sends earlier calls as assistant tool_calls and results as tool messages, and reads the final JSON answer', async () => {
    const before = double.count();
    answers = [...answers, { status: 200, body: completionBody(JSON.stringify({ summary: 'ok', steps: [] })) }];
    const provider = createOpenAiProvider({ apiKey: OPENAI_KEY, baseURL: double.url });
    const result = await provider.complete(
      makeRequest({ messages: AFTER_ONE_CALL, tools: TOOLS, toolChoice: 'none', schema: PLAN_SCHEMA }),
    );
    expect(double.count()).toBe(before + 1);
    expect(result.structured).toEqual({ summary: 'ok', steps: [] });
    expect(result.toolCalls).toBeUndefined();
    const sent = double.requests.at(-1)!;
    expect(sent.tool_choice).toBe('none');
    expect((sent.messages as unknown[]).slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_7', type: 'function', function: { name: 'read_file', arguments: '{"path":"src/add.ts"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_7', content: AFTER_ONE_CALL[3]!.content },
    ]);
  });

  it('estimates a usage-less local answer counting its tool calls as output and the tool definitions as input', async () => {
    const body: Record<string, unknown> = toolCallBody([{ id: 'call_9', name: 'list_dir', arguments: { path: '.' } }]);
    delete body.usage;
    answers = [...answers, { status: 200, body }];
    const local = createOpenAiProvider({ name: 'local', baseURL: double.url });
    const request = makeRequest({ tools: TOOLS, schema: PLAN_SCHEMA });
    const result = await local.complete(request);
    expect(result.usageEstimated).toBe(true);
    const sentCalls = (body.choices as Array<{ message: { tool_calls: unknown[] } }>)[0]!.message.tool_calls;
    expect(result.usage.outputTokens).toBe(Math.ceil(JSON.stringify(sentCalls).length / 3));
    const promptChars = request.messages.reduce((sum, message) => sum + message.content.length, 0);
    expect(result.usage.inputTokens).toBe(Math.ceil((promptChars + JSON.stringify(TOOLS).length) / 3));
  });

  it('refuses tool arguments that are not a JSON object as invalid output, with the billed usage', async () => {
    const body = toolCallBody([{ name: 'read_file', arguments: {} }]);
    (body.choices[0]!.message.tool_calls[0]!.function as { arguments: string }).arguments = '["src/add.ts"]';
    answers = [...answers, { status: 200, body }];
    const provider = createOpenAiProvider({ apiKey: OPENAI_KEY, baseURL: double.url });
    const error = await provider.complete(makeRequest({ tools: TOOLS, schema: PLAN_SCHEMA })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'invalid_output', usage: { inputTokens: 120, outputTokens: 30 } });
  });
});

describe('tool calls on the Anthropic wire (Messages API, through nock)', () => {
  const BASE = 'https://api.anthropic.com';
  const MODEL = 'claude-3-5-haiku-20241022';
  const provider = createAnthropicProvider({ apiKey: ANTHROPIC_KEY, baseURL: BASE });
  const answerOnce = (body: unknown) => {
    const seen: { body?: Record<string, unknown> } = {};
    nock(BASE)
      .post('/v1/messages')
      .reply((_uri, requestBody) => {
        seen.body = requestBody as Record<string, unknown>;
        return [200, body as nock.Body];
      });
    return seen;
  };

  it('offers the tools beside the answer tool (tool_choice any) and reads tool_use blocks as tool calls', async () => {
    const seen = answerOnce(
      anthropicMessage(
        [
          { type: 'text', text: 'Let me look.', citations: null },
          { type: 'tool_use', id: 'toolu_01', name: 'list_dir', input: { path: 'src' } },
        ],
        { stop_reason: 'tool_use' },
      ),
    );
    const result = await provider.complete(makeRequest({ model: MODEL, tools: TOOLS, schema: PLAN_SCHEMA }));
    expect(result.toolCalls).toEqual([{ id: 'toolu_01', name: 'list_dir', arguments: { path: 'src' } }]);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.structured).toBeUndefined();
    expect(seen.body!.tool_choice).toEqual({ type: 'any' });
    expect((seen.body!.tools as Array<{ name: string }>).map((tool) => tool.name)).toEqual([
      'read_file',
      'search',
      'list_dir',
      PLAN_SCHEMA.name,
    ]);
  });

  it('sends tool_use and tool_result blocks, forces the answer tool under toolChoice none, and reads the answer', async () => {
    const seen = answerOnce(
      anthropicMessage([{ type: 'tool_use', id: 'toolu_02', name: PLAN_SCHEMA.name, input: { summary: 'ok', steps: [] } }]),
    );
    const result = await provider.complete(
      makeRequest({ model: MODEL, messages: AFTER_ONE_CALL, tools: TOOLS, toolChoice: 'none', schema: PLAN_SCHEMA }),
    );
    expect(result.structured).toEqual({ summary: 'ok', steps: [] });
    expect(result.toolCalls).toBeUndefined();
    expect(seen.body!.tool_choice).toEqual({ type: 'tool', name: PLAN_SCHEMA.name });
    expect(seen.body!.messages).toEqual([
      { role: 'user', content: 'Fix the failing test in src/add.ts.' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_7', name: 'read_file', input: { path: 'src/add.ts' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_7', content: AFTER_ONE_CALL[3]!.content }] },
    ]);
  });
});
