import { AosError } from '../observability/aos-error.ts';
import type { ProviderName } from './types.ts';

/**
 * Why a provider call failed, in the router's terms:
 * - `rate_limited` (429), `server` (5xx), `timeout`, `connection`: retried with backoff, then failover;
 * - `context_window`: the prompt does not fit; move to a candidate with a larger window;
 * - `bad_request` (400), `auth` (401/403), `not_found` (404): not retried, a clear error;
 * - `refusal`: the model declined; reported as such, not retried;
 * - `invalid_output`: the answer was not valid for the requested schema;
 * - `invalid_usage`: the vendor reported token counts that cannot be a bill (negative, fractional,
 *   not a number, absurdly large); not retried, and the call is charged its full reservation.
 */
export type ProviderErrorKind =
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'context_window'
  | 'bad_request'
  | 'auth'
  | 'not_found'
  | 'refusal'
  | 'invalid_output'
  | 'invalid_usage';

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set(['rate_limited', 'server', 'timeout', 'connection']);

/** A failed provider call, classified so the router can decide: retry, fail over, or stop. */
export class ProviderError extends AosError {
  readonly provider: ProviderName;
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  /** From `retry-after-ms` or `Retry-After` (seconds or HTTP date), when the vendor sent one. */
  readonly retryAfterMs: number | undefined;
  /** Tokens the vendor billed before failing (e.g. an answer cut off or refused), when known. */
  readonly usage: { inputTokens: number; outputTokens: number } | undefined;

  constructor(options: {
    provider: ProviderName;
    kind: ProviderErrorKind;
    message: string;
    status?: number | undefined;
    retryAfterMs?: number | undefined;
    usage?: { inputTokens: number; outputTokens: number } | undefined;
    cause?: unknown;
  }) {
    super(`provider_${options.kind}`, `${options.provider}: ${options.message}`, {
      retryable: RETRYABLE.has(options.kind),
      cause: options.cause,
    });
    this.provider = options.provider;
    this.kind = options.kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.usage = options.usage;
  }
}
