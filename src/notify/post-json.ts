import { describeNetworkError } from '../lib/describe-network-error.ts';
import { parseRetryAfter } from '../lib/parse-retry-after.ts';
import type { SendOutcome } from './notification-types.ts';

/** Options of {@link postJson}. */
export interface PostJsonOptions {
  url: string;
  /** The exact bytes to send (already serialized, so a signature over them holds). */
  body: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Non-secret name of the receiver for error messages (never the URL, which may be a credential). */
  destination: string;
}

const MAX_ERROR_BODY = 200;

/**
 * POSTs JSON and classifies the answer: 2xx delivered; 429, 5xx, timeouts and network errors are
 * worth retrying; any other status is a permanent rejection. Errors never include the URL.
 */
export async function postJson(options: PostJsonOptions): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'aos-notify', ...options.headers },
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    return { status: 'retry', error: `${options.destination}: ${describeFailure(error, options.timeoutMs)}` };
  }
  // Read the body either way: it frees the connection, and a rejection's body says why.
  const text = await response.text().catch(() => '');
  const httpStatus = response.status;
  if (httpStatus >= 200 && httpStatus < 300) return { status: 'delivered', httpStatus };
  const error = `${options.destination} answered HTTP ${httpStatus}${text ? `: ${text.slice(0, MAX_ERROR_BODY)}` : ''}`;
  if (httpStatus === 429 || httpStatus >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return { status: 'retry', error, httpStatus, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  return { status: 'failed', error, httpStatus };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = describeNetworkError(error);
  if (failure.kind === 'timeout') return `no answer within ${timeoutMs} ms`;
  return failure.code ? `${failure.message} (${failure.code})` : failure.message;
}
