import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '#src/notify/verify-webhook-signature.ts';
import { seededRandom } from './seeded-random.ts';

/** A request the receiver accepted (answered 2xx). */
export interface AcceptedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

/** Options of {@link startReceiver}. */
export interface ReceiverOptions {
  /** Fraction of requests answered 503 before anything else happens (seeded, deterministic). */
  failureRate?: number;
  seed?: number;
  /** Status (and headers) for a request that was not failed on purpose; default 200. */
  respond?: (index: number) => number | { status: number; headers?: Record<string, string> };
  /** When set, requests whose signature does not verify with it are answered 401 and counted. */
  secret?: string;
  /** Wait before answering, to make concurrent dispatchers overlap. */
  delayMs?: number;
  /** Called for each accepted request, as it is accepted. */
  onAccepted?: (request: AcceptedRequest) => void;
}

/** A local HTTP endpoint on 127.0.0.1 standing in for a webhook receiver or Slack. */
export interface Receiver {
  url: string;
  host: string;
  /** Requests received, whatever the answer. */
  requests: () => number;
  /** 503s injected on purpose. */
  injected: () => number;
  badSignatures: () => number;
  accepted: AcceptedRequest[];
  /** How many times each idempotency key was accepted: a value above 1 is a double delivery. */
  keys: Map<string, number>;
  close(): Promise<void>;
}

/** Starts a receiver on a free port of 127.0.0.1. */
export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const random = seededRandom(options.seed ?? 1);
  let requests = 0;
  let injected = 0;
  let badSignatures = 0;
  const accepted: AcceptedRequest[] = [];
  const keys = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = requests;
      requests += 1;
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = (status: number, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'text/plain', ...headers });
        res.end(status < 300 ? 'ok' : `status ${status}`);
      };
      const handle = () => {
        if (options.failureRate !== undefined && random() < options.failureRate) {
          injected += 1;
          return answer(503);
        }
        if (options.secret !== undefined) {
          const check = verifyWebhookSignature({
            body,
            timestamp: req.headers['x-aos-timestamp'] as string | undefined,
            signature: req.headers['x-aos-signature'] as string | undefined,
            secret: options.secret,
          });
          if (!check.ok) {
            badSignatures += 1;
            return answer(401);
          }
        }
        const planned = options.respond?.(index) ?? 200;
        const { status, headers } = typeof planned === 'number' ? { status: planned, headers: {} } : planned;
        if (status >= 200 && status < 300) {
          const key = String(req.headers['x-aos-idempotency-key'] ?? '');
          keys.set(key, (keys.get(key) ?? 0) + 1);
          const request = { headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown> };
          accepted.push(request);
          options.onAccepted?.(request);
        }
        return answer(status, headers);
      };
      if (options.delayMs) setTimeout(handle, options.delayMs);
      else handle();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/aos`,
    host: `127.0.0.1:${port}`,
    requests: () => requests,
    injected: () => injected,
    badSignatures: () => badSignatures,
    accepted,
    keys,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
