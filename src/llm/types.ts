import type { ProviderName } from '../config/provider-name.ts';

/** Providers aos can call (defined in config/, shared with policy/). */
export type { ProviderName };

/** The kinds of work a model is asked to do; each has its own route in configs/model_routing.yaml. */
export type TaskType = 'planning' | 'coding' | 'review' | 'qa';

/** One chat message. Untrusted text (issue bodies, comments) only ever goes in `user` messages. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON Schema the answer must satisfy (from a zod schema via `z.toJSONSchema`). */
export interface OutputSchema {
  /** Identifier-safe name (letters, digits, `_`, `-`), used as the OpenAI schema name or the Anthropic tool name. */
  name: string;
  description?: string;
  jsonSchema: Record<string, unknown>;
}

/** What the router asks a provider for. The router, not the caller, sets `maxTokens`. */
export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  /** Upper bound on output tokens, derived from the budget reservation. */
  maxTokens: number;
  temperature?: number;
  /** Abort the HTTP request after this long. */
  timeoutMs: number;
  /** When set, the provider asks for structured output and returns the parsed JSON in `structured`. */
  schema?: OutputSchema;
}

/** Token usage as the vendor reported it. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** A provider's answer. */
export interface CompletionResult {
  provider: ProviderName;
  model: string;
  /** The text of the answer ('' when the answer is a tool call). */
  text: string;
  /** With `schema`: the JSON the model produced, parsed but NOT validated (the caller validates). */
  structured?: unknown;
  usage: Usage;
  /**
   * True when the vendor sent no usage and `usage` is a conservative estimate from character
   * counts (about 3 characters per token), so the budget still settles on a number.
   */
  usageEstimated?: boolean;
  /** `stop`, `length` (hit maxTokens), `refusal`, or the vendor's own word. */
  finishReason: string;
  /** The vendor's request id, for support tickets and the ledger. */
  requestId?: string;
}

/** One model vendor behind one endpoint. The only place vendor SDKs are used. */
export interface LlmProvider {
  name: ProviderName;
  /** The base URL this provider really calls; residency is decided on its host. */
  endpoint: string;
  complete(request: CompletionRequest): Promise<CompletionResult>;
}
