import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the double received. */
export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** What the double answers next: status, JSON body, headers. */
export interface CannedReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A tiny OpenAI-compatible server on loopback, like a local vLLM, answering canned replies in order. */
export interface LocalServerDouble {
  baseURL: string;
  seen: SeenRequest[];
  reply(next: CannedReply): void;
  close(): Promise<void>;
}

/** Starts the double on 127.0.0.1 with a random port. */
export async function startLocalServerDouble(): Promise<LocalServerDouble> {
  const seen: SeenRequest[] = [];
  const queue: CannedReply[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(raw || '{}') as Record<string, unknown> });
      const next = queue.shift() ?? { status: 500, body: { error: { message: 'no canned reply left' } } };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    seen,
    reply: (next) => queue.push(next),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
