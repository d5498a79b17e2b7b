import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answers, reply } from './agent-fixture.ts';
import { toolCallBody } from './openai-double.ts';

type Node = 'planner' | 'coder' | 'critic' | 'qa';
type Script = Record<Node, () => unknown>;

const defaultScript = (): Script => ({
  planner: () => answers.plan(),
  coder: () => answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }]),
  critic: () => answers.critic('pass', [{ path: 'src/math.ts', line: 2, severity: 'nit', message: 'Consider a unit test for add(2, 3).' }]),
  qa: () => answers.acceptance(),
});

const HTTP_ANSWER = Symbol('http answer');

/** A scripted answer given as the whole HTTP response (e.g. with the usage a vendor reports) rather than as content. */
export const httpAnswer = (answer: { status: number; body: unknown }) => ({ [HTTP_ANSWER]: answer });

/** A scripted answer that calls the read-only tools instead of answering (ids `<prefix>_1`, `<prefix>_2`, …). */
export const toolCallAnswer = (calls: Array<{ name: string; arguments: Record<string, unknown> }>, prefix = 'call') =>
  httpAnswer({
    status: 200,
    body: toolCallBody(
      calls.map((call, index) => ({ ...call, id: `${prefix}_${index + 1}` })),
      undefined,
      'Qwen/Qwen2.5-Coder-32B-Instruct',
    ),
  });

const isHttpAnswer = (content: unknown): content is ReturnType<typeof httpAnswer> =>
  typeof content === 'object' && content !== null && HTTP_ANSWER in content;

/**
 * An OpenAI-compatible model double that answers by which node asks (its system prompt), from a
 * script the test can change, and that can hold an answer (a `Promise`) until the test releases it.
 */
export async function startScriptedModel() {
  let script = defaultScript();
  const requests: Array<{ node: Node | 'unknown'; body: Record<string, unknown> }> = [];
  const nodeOf = (body: Record<string, unknown>): Node | 'unknown' => {
    const system = String(
      ((body.messages ?? []) as Array<{ role: string; content: unknown }>).find((message) => message.role === 'system')?.content ?? '',
    );
    if (system.startsWith('You are the planner')) return 'planner';
    if (system.startsWith('You are the coder')) return 'coder';
    if (system.startsWith('You are the critic')) return 'critic';
    if (system.startsWith('You are the QA')) return 'qa';
    return 'unknown';
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const node = nodeOf(body);
      requests.push({ node, body });
      void Promise.resolve(node === 'unknown' ? undefined : script[node]()).then((content) => {
        const answer =
          content === undefined
            ? { status: 400, body: { error: { message: 'unscripted model request' } } }
            : isHttpAnswer(content)
              ? content[HTTP_ANSWER]
              : reply(content);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Replaces some nodes' answers until `reset`. */
    script: (overrides: Partial<Script>) => (script = { ...script, ...overrides }),
    reset: () => (script = defaultScript()),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
