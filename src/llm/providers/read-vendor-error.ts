/** What a vendor said about a failed call, read from either SDK's `APIError`. */
export interface VendorErrorDetails {
  /** The vendor's own explanation, or the SDK's message when the body had none. */
  text: string;
  /** True when the vendor says the prompt (plus max_tokens) does not fit the model's window. */
  contextWindow: boolean;
}

const MAX_TEXT = 500;

// OpenAI: code `context_length_exceeded` or "maximum context length" (vLLM says the same);
// Anthropic: "prompt is too long", "input length and `max_tokens` exceed context limit";
// llama.cpp: type `exceed_context_size_error`, "exceeds the available context size".
const CONTEXT_CODES = new Set(['context_length_exceeded', 'exceed_context_size_error']);
const CONTEXT_PHRASES = ['maximum context length', 'prompt is too long', 'exceed context limit', 'available context size'];

/**
 * Reads the explanation and the context-window signal from an SDK error. OpenAI's `APIError`
 * holds the body's `error` object in `error`; Anthropic's holds the whole body and exposes
 * `apiMessage` and `errorCode`.
 */
export function readVendorError(error: Error): VendorErrorDetails {
  const fields = error as Error & { apiMessage?: unknown; error?: unknown; code?: unknown; type?: unknown; errorCode?: unknown };
  const body = isRecord(fields.error) ? fields.error : undefined;
  const nested = isRecord(body?.['error']) ? body['error'] : undefined;
  const text = firstString(fields.apiMessage, body?.['message'], nested?.['message']) ?? error.message;
  const codes = [fields.code, fields.type, fields.errorCode, body?.['code'], body?.['type'], nested?.['type']];
  const lower = text.toLowerCase();
  const contextWindow =
    codes.some((code) => typeof code === 'string' && CONTEXT_CODES.has(code)) || CONTEXT_PHRASES.some((phrase) => lower.includes(phrase));
  return { text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text, contextWindow };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.length > 0);
}
