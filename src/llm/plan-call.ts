import type { AosConfig } from '../config/index.ts';
import type { TokenPrice } from '../policy/finops/index.ts';
import type { BlockedProvider } from '../policy/residency/index.ts';
import type { BudgetContext } from '../state/budget/budget-guardian.ts';
import { decidePricedRoute, type PricedCandidate, type ProviderHealth } from './decide-route.ts';
import { estimateInputTokens } from './estimate-tokens.ts';
import type { RouteRequest } from './route-request.ts';
import type { FailoverStep } from './router-errors.ts';
import type { ProviderName, TaskType } from './types.ts';

/** Below this many output tokens an answer is not worth asking for, unless the caller says otherwise. */
const DEFAULT_MIN_OUTPUT_TOKENS = 256;

/** One candidate of a call, with everything its budget reservation asks for. */
export interface PlannedCall {
  provider: ProviderName;
  model: string;
  price: TokenPrice;
  contextWindow: number;
  /** The scopes the reservation must fit under, with this provider (its daily token ceiling). */
  budget: BudgetContext;
  /** An upper-bound estimate of the prompt's tokens. */
  inputTokens: number;
  /**
   * The most output tokens worth reserving: the least of the caller's wish, the model's output
   * limit, what the prompt leaves of the window and of the provider's per-request ceiling, and the
   * task's `max_tokens`. The reservation may grant fewer; the call asks for exactly what it grants.
   */
  desiredMaxTokens: number;
  /** Fewer output tokens than this and the reservation is refused instead. */
  minOutputTokens: number;
}

/** One candidate in route order: a call to try, or why it is skipped before anything is reserved. */
export type PlannedStep = { call: PlannedCall } | { skip: FailoverStep };

/**
 * The plan of one model call. `refused: 'residency'`: residency removed every provider that could
 * take it, so nothing may be sent. Otherwise the candidates in order (possibly none).
 * `skipped` holds the providers the route left out, as the first steps of the failover path.
 */
export type CallPlan =
  | { refused: 'residency'; skipped: FailoverStep[]; blocked: BlockedProvider[] }
  | { refused: false; skipped: FailoverStep[]; steps: PlannedStep[] };

/** What a call is planned from: the request, the configuration and each provider's health now. */
export interface CallPlanInput {
  task: TaskType;
  request: Pick<RouteRequest, 'messages' | 'maxOutputTokens' | 'minOutputTokens' | 'budget' | 'tools'>;
  config: Pick<AosConfig, 'routing' | 'finops'>;
  health: Partial<Record<ProviderName, ProviderHealth>>;
  /** Hint for an unconfigured provider, e.g. "set OPENAI_API_KEY". */
  missingHint?: ((provider: ProviderName) => string) | undefined;
}

/** The skip of a candidate whose window cannot hold the prompt and the least useful answer, or is no larger than one the prompt overflowed. */
export function windowTooSmall(call: Pick<PlannedCall, 'provider' | 'model' | 'contextWindow' | 'inputTokens'>): FailoverStep {
  return {
    provider: call.provider,
    model: call.model,
    outcome: 'skipped',
    reason: `the prompt (~${call.inputTokens} tokens) does not fit ${call.model}'s ${call.contextWindow}-token window`,
  };
}

/**
 * Plans one model call before anything is reserved or sent: the route (see decidePricedRoute: a
 * provider without a price, compliance or a closed circuit is never a candidate), then, for each
 * candidate, whether the prompt fits the provider's per-request ceiling and the model's window,
 * and how many output tokens to reserve. Pure: no I/O.
 */
export function planCall(input: CallPlanInput): CallPlan {
  const { task, request, config, missingHint } = input;
  const decision = decidePricedRoute(task, config.routing, config.finops, input.health);
  const skipped: FailoverStep[] = decision.skipped.map((skip) => ({
    provider: skip.provider,
    outcome: 'skipped',
    reason: skip.cause === 'unconfigured' && missingHint ? `not configured: ${missingHint(skip.provider)}` : skip.reason,
  }));
  const blocked = decision.skipped.filter((skip) => skip.cause === 'residency');
  if (decision.candidates.length === 0 && blocked.length > 0)
    return { refused: 'residency', skipped, blocked: blocked.map(({ provider, reason }) => ({ provider, reason })) };
  const inputTokens = estimateInputTokens(request.messages, request.tools);
  const minOutputTokens = request.minOutputTokens ?? DEFAULT_MIN_OUTPUT_TOKENS;
  return {
    refused: false,
    skipped,
    steps: decision.candidates.map((candidate) => sizeCall(candidate, { ...input, inputTokens, minOutputTokens })),
  };
}

/** Fits one candidate to the prompt: skipped when the prompt and the least useful answer cannot fit, else sized. */
function sizeCall(candidate: PricedCandidate, sizing: CallPlanInput & { inputTokens: number; minOutputTokens: number }): PlannedStep {
  const { task, request, config, inputTokens, minOutputTokens } = sizing;
  const { provider, model, price, contextWindow, maxOutputTokens } = candidate;
  const ceiling = config.finops.providers[provider]?.max_tokens_per_request ?? Number.POSITIVE_INFINITY;
  if (inputTokens + minOutputTokens > ceiling) {
    const where = `policies/finops.yaml phases.${config.finops.active_phase}.providers.${provider}.max_tokens`;
    return {
      skip: {
        provider,
        model,
        outcome: 'skipped',
        reason: `the prompt (~${inputTokens} tokens) does not fit ${provider}'s ceiling of ${ceiling} tokens per request (${where})`,
      },
    };
  }
  if (inputTokens + minOutputTokens > contextWindow) return { skip: windowTooSmall({ provider, model, contextWindow, inputTokens }) };
  const taskCap = config.routing.task_types[task].max_tokens ?? Number.POSITIVE_INFINITY;
  const desiredMaxTokens = Math.min(
    request.maxOutputTokens ?? maxOutputTokens,
    maxOutputTokens,
    contextWindow - inputTokens,
    ceiling - inputTokens,
    taskCap,
  );
  return {
    call: {
      provider,
      model,
      price,
      contextWindow,
      budget: { ...request.budget, provider },
      inputTokens,
      desiredMaxTokens,
      minOutputTokens,
    },
  };
}
