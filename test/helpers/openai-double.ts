import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat completion body as an OpenAI-compatible server returns it. */
export const completionBody = (content: string, usage = { prompt_tokens: 120, completion_tokens: 30 }, model = 'gpt-4o') => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_795_000_000,
  model,
  choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
});

/** A chat completion body whose answer is tool calls (`finish_reason: tool_calls`), as OpenAI sends it: arguments as a JSON string. */
export const toolCallBody = (
  calls: Array<{ name: string; arguments: Record<string, unknown>; id?: string }>,
  usage = { prompt_tokens: 120, completion_tokens: 30 },
  model = 'gpt-4o',
) => ({
  id: 'chatcmpl-tools',
  object: 'chat.completion',
  created: 1_795_000_000,
  model,
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: calls.map((call, index) => ({
          id: call.id ?? `call_${index + 1}`,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        })),
      },
      finish_reason: 'tool_calls',
    },
  ],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
});

/**
 * A local OpenAI-compatible server on 127.0.0.1 whose answers the test decides per request.
 * Counts requests, so tests can prove how many calls really reached the "vendor".
 */
export async function startOpenAiDouble(
  answer: (body: Record<string, unknown>, index: number) => { status: number; body: unknown; headers?: Record<string, string> },
) {
  let count = 0;
  const requests: Array<Record<string, unknown>> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      requests.push(body);
      const reply = answer(body, count);
      count += 1;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    count: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
