import type { ProviderName } from '../config/provider-name.ts';

/** Providers aos can call (defined in config/, shared with policy/). */
export type { ProviderName };

/** The kinds of work a model is asked to do; each has its own route in configs/model_routing.yaml. */
export type TaskType = 'planning' | 'coding' | 'review' | 'qa';

/** A tool the model may call (read-only repository tools): a name, what it does, a JSON Schema of its arguments. */
export interface ToolDefinition {
  /** Identifier-safe name (letters, digits, `_`). */
  name: string;
  description: string;
  /** JSON Schema (an object schema) of the arguments. */
  parameters: Record<string, unknown>;
}

/** One tool call a model asked for. */
export interface ToolCall {
  /** The vendor's id of the call, quoted back in its result. */
  id: string;
  name: string;
  /** The arguments as the model gave them, parsed but NOT validated (the tool validates). */
  arguments: Record<string, unknown>;
}

/**
 * One chat message. Untrusted text (issue bodies, comments, tool results) only ever goes in `user`
 * and `tool` messages. An `assistant` message may carry the tool calls it made; a `tool` message
 * is the result of the call `toolCallId` names.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** On an assistant message: the tool calls the model made in that turn. */
  toolCalls?: ToolCall[];
  /** On a tool message: the id of the call this is the result of. */
  toolCallId?: string;
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
  /** Tools the model may call instead of answering; a call comes back in `toolCalls`. */
  tools?: ToolDefinition[];
  /** `none`: the tools are described (the conversation may hold earlier calls) but may not be called now. Default `auto`. */
  toolChoice?: 'auto' | 'none';
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
  /** Tool calls the model made instead of answering (only when the request offered `tools`). */
  toolCalls?: ToolCall[];
  /** `stop`, `length` (hit maxTokens), `tool_calls`, `refusal`, or the vendor's own word. */
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
