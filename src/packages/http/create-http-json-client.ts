import { SpanKind, type Span, type SpanOptions } from '@opentelemetry/api';
import { backoffDelay } from '../../lib/backoff-delay.ts';
import { withSpan } from '../../observability/tracing/with-span.ts';
import { describeNetworkError } from '../../lib/describe-network-error.ts';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../lib/parse-retry-after.ts';
import { createLimiter, type Limiter } from './create-limiter.ts';
import { PackageSourceError } from './package-source-error.ts';

/** An answer aos can use: 2xx with a JSON body, or 404/410 (body null). */
export interface HttpJsonResponse {
  status: number;
  body: unknown;
}

/** GET and POST of JSON with bounded concurrency, per-attempt timeouts and retries. */
export interface HttpJsonClient {
  get(url: string, headers?: Record<string, string>): Promise<HttpJsonResponse>;
  post(url: string, body: unknown): Promise<HttpJsonResponse>;
}

/** Options of `createHttpJsonClient`. */
export interface HttpJsonClientOptions {
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
  /** Requests in flight at once (default 16); a shared limiter may be passed instead. */
  concurrency?: number;
  limiter?: Limiter;
  /** Time one attempt (headers and body) may take; default 10 s. */
  timeoutMs?: number;
  /** Attempts on 429, 5xx, timeouts and connection errors; default 3. */
  maxAttempts?: number;
  /** Base of the exponential backoff; default 250 ms. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);
const MISSING = new Set([404, 410]);

type Attempt = { response: HttpJsonResponse } | { retry: string; retryAfterMs: number | undefined } | { fatal: string };

/**
 * A JSON client for registries and OSV. Every attempt holds one slot of the limiter, and the
 * backoff sleeps hold none, so retries never starve other requests. Throws PackageSourceError
 * when the source cannot give an answer; "not found" is an answer (status 404), not an error.
 */
export function createHttpJsonClient(options: HttpJsonClientOptions = {}): HttpJsonClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const limit = options.limiter ?? createLimiter(options.concurrency ?? 16);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 250;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  const attempt = (url: string, init: RequestInit): Promise<Attempt> =>
    limit(async () => {
      try {
        const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        if (MISSING.has(response.status)) {
          await response.body?.cancel();
          return { response: { status: response.status, body: null } };
        }
        if (!response.ok) {
          await response.body?.cancel();
          const what = `answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
          return RETRYABLE.has(response.status)
            ? { retry: what, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) }
            : { fatal: what };
        }
        const text = await response.text();
        try {
          return { response: { status: response.status, body: JSON.parse(text) as unknown } };
        } catch {
          return { fatal: 'answered with something that is not JSON' };
        }
      } catch (error) {
        return { retry: describeFailure(error, timeoutMs), retryAfterMs: undefined };
      }
    });

  const request = (rawUrl: string, init: RequestInit): Promise<HttpJsonResponse> =>
    withSpan(`${init.method} ${safeHost(rawUrl)}`, registrySpan(init.method ?? 'GET', rawUrl), (span) => send(rawUrl, init, span));

  const send = async (rawUrl: string, init: RequestInit, span: Span): Promise<HttpJsonResponse> => {
    const origin = safeOrigin(rawUrl);
    const { url, authorization } = splitCredentials(rawUrl);
    if (authorization !== undefined) init.headers = { ...(init.headers as Record<string, string>), authorization };
    for (let n = 1; ; n += 1) {
      span.setAttribute('aos.attempts', n);
      const outcome = await attempt(url, init);
      if ('response' in outcome) {
        span.setAttribute('http.response.status_code', outcome.response.status);
        return outcome.response;
      }
      if ('fatal' in outcome) throw new PackageSourceError(`${origin} ${outcome.fatal}`);
      if (n >= maxAttempts) {
        throw new PackageSourceError(`${origin} ${outcome.retry} (${n} attempt${n === 1 ? '' : 's'})`, { retryable: true });
      }
      // The server's Retry-After (capped) replaces the backoff; without one, equal jitter.
      const { retryAfterMs } = outcome;
      await sleep(
        retryAfterMs === undefined
          ? backoffDelay({ attempt: n, baseMs: baseDelayMs, jitter: 'equal', random })
          : Math.min(MAX_RETRY_AFTER_MS, retryAfterMs),
      );
    }
  };

  return {
    get: (url, headers = {}) => request(url, { method: 'GET', headers: { accept: 'application/json', ...headers } }),
    post: (url, body) =>
      request(url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

/**
 * fetch refuses URLs with a user name and password (mirrors are often configured that way), and
 * its error would repeat them: they travel as a Basic authorization header instead.
 */
function splitCredentials(url: string): { url: string; authorization?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  if (parsed.username === '' && parsed.password === '') return { url };
  const user = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), authorization: `Basic ${Buffer.from(user).toString('base64')}` };
}

/**
 * A registry or OSV request's span: method, server, the URL without credentials or query (a package name is no
 * secret, a token in a mirror's URL is).
 */
function registrySpan(method: string, url: string): SpanOptions {
  const attributes: Record<string, string> = { 'http.request.method': method, 'server.address': safeHost(url) };
  try {
    const parsed = new URL(url);
    attributes['url.full'] = `${parsed.origin}${parsed.pathname}`;
  } catch {
    // An unparsable URL fails in fetch and is reported there; the span keeps method and host.
  }
  return { kind: SpanKind.CLIENT, attributes };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unknown';
  }
}

/** The URL's origin only: a registry URL may carry credentials, which must not reach a report. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the source';
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = describeNetworkError(error);
  return failure.kind === 'timeout' ? `did not answer within ${timeoutMs} ms` : `could not be reached (${failure.reason})`;
}
