import type { Logger } from '../observability/logger.ts';
import type { BudgetContext } from '../state/budget/budget-guardian.ts';
import type { FailoverStep } from './router-errors.ts';
import type { ChatMessage, CompletionResult, OutputSchema, ToolDefinition } from './types.ts';

/** One model call as a node asks for it. The router picks provider, model and max tokens. */
export interface RouteRequest {
  messages: ChatMessage[];
  schema?: OutputSchema;
  /** Tools the model may call instead of answering (the agents' read-only repository tools). */
  tools?: ToolDefinition[];
  /** `none`: the tools may not be called in this turn (see CompletionRequest). */
  toolChoice?: 'auto' | 'none';
  /** Cap on output tokens the caller wants (the router may set fewer, never more). */
  maxOutputTokens?: number;
  /** Below this many output tokens the call is refused rather than cut short. */
  minOutputTokens?: number;
  budget?: Omit<BudgetContext, 'provider'>;
  /** The run's id (its ledger chain) or the webhook delivery id. */
  correlationId: string;
  /** The caller's logger (a run's node): the router's lines about this call carry its bindings. Default the router's own. */
  logger?: Logger;
  /**
   * Takes this call's ledger events instead of the router appending them at once: a graph node
   * collects them to commit with its checkpoint, in one transaction.
   */
  record?: (type: string, payload: Record<string, unknown>) => Promise<void>;
}

/** The answer, with what it cost and how it was obtained. */
export interface RouteResult extends CompletionResult {
  costEur: number;
  reservedEur: number;
  attempts: number;
  latencyMs: number;
  failoverPath: FailoverStep[];
}
