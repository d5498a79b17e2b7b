/** What a request that threw instead of answering says about why; see {@link describeNetworkError}. */
export type NetworkFailure =
  | { kind: 'timeout' }
  | {
      kind: 'unreachable';
      /** The system error code (`ECONNREFUSED`, `ENOTFOUND`), when there is one. */
      code: string | undefined;
      /** The thrown error's own message (fetch's is only "fetch failed"). */
      message: string;
      /** The most specific of the three: the code, else the cause's message, else the message. */
      reason: string;
    };

/**
 * Reads what `fetch` threw: a timeout (a `TimeoutError` from `AbortSignal.timeout`, or an
 * `AbortError`), or a failure to reach the server, whose system code undici puts on the error's
 * `cause` (test doubles put it on the error itself). Credentials in a URL (`//user:secret@`) are
 * removed from every text, which may reach a log or a report.
 */
export function describeNetworkError(error: unknown): NetworkFailure {
  const thrown = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  if (thrown.name === 'TimeoutError' || thrown.name === 'AbortError') return { kind: 'timeout' };
  const cause = (typeof thrown.cause === 'object' && thrown.cause !== null ? thrown.cause : {}) as { code?: unknown; message?: unknown };
  const code = stringOrUndefined(cause.code) ?? stringOrUndefined(thrown.code);
  const message = withoutCredentials(stringOrUndefined(thrown.message) ?? String(error));
  return { kind: 'unreachable', code, message, reason: code ?? withoutCredentials(stringOrUndefined(cause.message) ?? message) };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function withoutCredentials(text: string): string {
  return text.replace(/\/\/[^/\s@]*@/g, '//');
}
