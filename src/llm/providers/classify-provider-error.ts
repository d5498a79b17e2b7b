import * as Anthropic from '@anthropic-ai/sdk';
import * as OpenAi from 'openai';
import { REDACTED, redactSecrets } from '../../observability/redact.ts';
import { ProviderError, type ProviderErrorKind } from '../provider-error.ts';
import type { ProviderName } from '../types.ts';
import { readRetryAfter } from './read-retry-after.ts';
import { PROVIDER_KEY_VARIABLES } from './provider-key-variables.ts';
import { readVendorError } from './read-vendor-error.ts';

/** What the classifier needs to know to write a message an operator can act on. */
export interface ProviderErrorContext {
  provider: ProviderName;
  model: string;
  endpoint: string;
  timeoutMs: number;
  /** Values that must never appear in a message (the API key), whatever their shape. */
  secrets?: readonly string[];
}

/**
 * Turns whatever a vendor SDK threw into a ProviderError the router can act on: 429 →
 * rate_limited, 5xx and 529 → server, SDK timeout → timeout, no connection → connection, a prompt
 * too long → context_window, other 4xx → bad_request, 401/403 → auth, 404 → not_found. Carries
 * the vendor's Retry-After. Messages hold redacted vendor text and never the API key.
 */
export function classifyProviderError(error: unknown, context: ProviderErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const make = (kind: ProviderErrorKind, message: string, extra: { status?: number; retryAfterMs?: number } = {}): ProviderError =>
    new ProviderError({ provider: context.provider, kind, message: scrub(message, context.secrets), ...extra, cause: error });
  if (error instanceof OpenAi.APIConnectionTimeoutError || error instanceof Anthropic.APIConnectionTimeoutError) {
    return make('timeout', `no answer from ${context.endpoint} within ${context.timeoutMs} ms`);
  }
  // aos passes no abort signal of its own, so an abort can only be the request running out of time.
  if (error instanceof OpenAi.APIUserAbortError || error instanceof Anthropic.APIUserAbortError) {
    return make('timeout', `the request to ${context.endpoint} was aborted before an answer arrived`);
  }
  if (error instanceof OpenAi.APIConnectionError || error instanceof Anthropic.APIConnectionError) {
    return make('connection', `could not reach ${context.endpoint}: ${describeCause(error)}`);
  }
  if ((error instanceof OpenAi.APIError || error instanceof Anthropic.APIError) && typeof error.status === 'number') {
    return classifyStatus(error, error.status, make, context);
  }
  const text = error instanceof Error ? error.message : String(error);
  return make('bad_request', `the call failed before reaching ${context.endpoint}: ${text}`);
}

type Make = (kind: ProviderErrorKind, message: string, extra?: { status?: number; retryAfterMs?: number }) => ProviderError;

function classifyStatus(
  error: OpenAi.APIError | Anthropic.APIError,
  status: number,
  make: Make,
  context: ProviderErrorContext,
): ProviderError {
  const vendor = readVendorError(error);
  const retryAfterMs = readRetryAfter(error.headers ?? undefined);
  const extra = retryAfterMs === undefined ? { status } : { status, retryAfterMs };
  const said = `(${status}): ${vendor.text}`;
  if (status === 429) return make('rate_limited', `rate limited ${said}`, extra);
  if (status === 401 || status === 403) return make('auth', `the API key was refused ${said}. ${keyAdvice(context)}`, extra);
  if (status === 404) {
    return make(
      'not_found',
      `not found ${said}. Is the model name "${context.model}" right, and does ${context.endpoint} serve it?`,
      extra,
    );
  }
  if (status === 408) return make('timeout', `the server timed out ${said}`, extra);
  // OpenAI answers 409 on transient lock contention; both SDKs treat it as worth retrying.
  if (status === 409) return make('server', `conflict ${said}`, extra);
  if (status >= 500) return make('server', `${status === 529 ? 'overloaded' : 'server error'} ${said}`, extra);
  if (vendor.contextWindow) return make('context_window', `the prompt does not fit the context window of ${context.model} ${said}`, extra);
  return make('bad_request', `request rejected ${said}`, extra);
}

function keyAdvice(context: ProviderErrorContext): string {
  if (context.provider === 'local') return `Check the API key that the local server at ${context.endpoint} expects.`;
  return `Check ${PROVIDER_KEY_VARIABLES[context.provider]}.`;
}

// The SDK's own message is just "Connection error."; the reason (ECONNREFUSED, ENOTFOUND) is
// one or two causes down.
function describeCause(error: Error): string {
  const reasons: string[] = [];
  for (let current: unknown = error.cause; current instanceof Error && reasons.length < 3; current = current.cause) {
    const code = (current as Error & { code?: unknown }).code;
    reasons.push(typeof code === 'string' ? `${code} ${current.message}` : current.message);
  }
  return reasons.length > 0 ? reasons.join(': ') : error.message;
}

function scrub(message: string, secrets: readonly string[] = []): string {
  let result = message;
  // Short values (the placeholder key of a local server) are not secrets and would mangle text.
  for (const secret of secrets) if (secret.length >= 8) result = result.replaceAll(secret, REDACTED);
  return redactSecrets(result);
}
