import type { AosConfig } from '../config/index.ts';
import type { Logger } from '../observability/logger.ts';
import { BudgetExceeded, lookupPrice } from '../policy/finops/index.ts';
import { ResidencyViolation } from '../policy/residency/index.ts';
import type { BudgetContext, BudgetGuardian } from '../state/budget/budget-guardian.ts';
import type { Ledger } from '../state/ledger/ledger.ts';
import { backoffDelay, MAX_RETRY_AFTER_MS } from './backoff-delay.ts';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.ts';
import { decideRoute, type ProviderHealth } from './decide-route.ts';
import { estimateInputTokens } from './estimate-tokens.ts';
import { ProviderError } from './provider-error.ts';
import { NoProviderAvailable, type FailoverStep } from './router-errors.ts';
import type { ChatMessage, CompletionResult, LlmProvider, OutputSchema, ProviderName, TaskType } from './types.ts';

/** A residency decision on a provider's real endpoint (see src/policy/residency). */
export interface EndpointDecision {
  allow: boolean;
  host: string;
  reason: string;
}

/** One model call as a node asks for it. The router picks provider, model and max tokens. */
export interface RouteRequest {
  messages: ChatMessage[];
  schema?: OutputSchema;
  /** Cap on output tokens the caller wants (the router may set fewer, never more). */
  maxOutputTokens?: number;
  /** Below this many output tokens the call is refused rather than cut short. */
  minOutputTokens?: number;
  budget?: Omit<BudgetContext, 'provider'>;
  /** The run's id (its ledger chain) or the webhook delivery id. */
  correlationId: string;
}

/** The answer, with what it cost and how it was obtained. */
export interface RouteResult extends CompletionResult {
  costEur: number;
  reservedEur: number;
  attempts: number;
  latencyMs: number;
  failoverPath: FailoverStep[];
}

/** What the router is built from. */
export interface RouterDeps {
  config: AosConfig;
  providers: ReadonlyMap<ProviderName, LlmProvider>;
  guardian: BudgetGuardian;
  /** Decides residency on a provider's real endpoint; called once per provider. */
  residency: (provider: LlmProvider) => EndpointDecision;
  ledger?: Ledger;
  logger: Logger;
  /** Hint for an unconfigured provider, e.g. "set OPENAI_API_KEY". */
  missingHint?: (provider: ProviderName) => string;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

const DEFAULT_MIN_OUTPUT_TOKENS = 256;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The model router: every model call in aos goes through `route`. For each call it orders the
 * task's providers (residency, circuit breakers and prices first, so a refused call sends
 * nothing), reserves the worst-case cost, calls with retries and failover, settles the real
 * usage, and records the call in the ledger.
 */
export function createRouter(deps: RouterDeps) {
  const { config, providers, guardian, logger } = deps;
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? Date.now;
  const { failover } = config.routing;
  const breakers = new Map<ProviderName, CircuitBreaker>();
  const breakerFor = (name: ProviderName) => {
    let breaker = breakers.get(name);
    if (!breaker) {
      breaker = createCircuitBreaker({ failureThreshold: failover.circuit_breaker.failure_threshold, cooldownMs: failover.circuit_breaker.cooldown_ms, now });
      breakers.set(name, breaker);
    }
    return breaker;
  };
  const residency = new Map<ProviderName, EndpointDecision>();
  for (const [name, provider] of providers) residency.set(name, deps.residency(provider));

  const health = (): Partial<Record<ProviderName, ProviderHealth>> => {
    const result: Partial<Record<ProviderName, ProviderHealth>> = {};
    for (const name of Object.keys(config.routing.providers) as ProviderName[]) {
      const decision = residency.get(name);
      result[name] = {
        configured: providers.has(name),
        residency: decision ? { allow: decision.allow, reason: decision.reason } : { allow: false, reason: `${name} is not configured` },
        circuit: breakerFor(name).state(),
      };
    }
    return result;
  };

  const record = async (chain: string, type: string, payload: Record<string, unknown>) => {
    if (!deps.ledger) return;
    await deps.ledger.appendEvent(chain, type, payload).catch((error: unknown) => logger.error({ err: String(error) }, 'ledger append failed for a model call'));
  };

  async function route(task: TaskType, request: RouteRequest): Promise<RouteResult> {
    const started = now();
    const chain = request.budget?.runId ?? request.correlationId;
    const decision = decideRoute(task, config.routing, config.finops, health());
    // log_all_requests: false keeps only the refusals in the ledger.
    const residencyLog = [...residency].filter(([, d]) => config.residency.enforcement.log_all_requests || !d.allow).map(([provider, d]) => ({ provider, allow: d.allow, host: d.host, reason: d.reason }));
    const path: FailoverStep[] = decision.skipped.map((skip) => ({
      provider: skip.provider,
      outcome: 'skipped',
      reason: skip.cause === 'unconfigured' && deps.missingHint ? `not configured: ${deps.missingHint(skip.provider)}` : skip.reason,
    }));
    const blocked = decision.skipped.filter((skip) => skip.cause === 'residency');
    if (decision.candidates.length === 0 && blocked.length > 0) {
      // Refused before any network traffic: nothing compliant is left to call.
      await record(chain, 'model.refused', { task, correlation_id: request.correlationId, failover_path: path, residency: residencyLog, reason: 'residency' });
      throw new ResidencyViolation(blocked.map((skip) => ({ provider: skip.provider, reason: skip.reason })));
    }
    let budgetRefusal: BudgetExceeded | undefined;
    let lastError: unknown;
    let largerWindowThan = 0;
    let attempts = 0;

    for (const candidate of decision.candidates) {
      const provider = providers.get(candidate.provider)!;
      const price = lookupPrice(config.finops, candidate.provider, candidate.model);
      if (!price.found) {
        path.push({ provider: candidate.provider, model: candidate.model, outcome: 'skipped', reason: price.reason });
        continue;
      }
      const inputTokens = estimateInputTokens(request.messages);
      const minOutput = request.minOutputTokens ?? DEFAULT_MIN_OUTPUT_TOKENS;
      const ceiling = config.finops.providers[candidate.provider]?.max_tokens_per_request ?? Number.POSITIVE_INFINITY;
      if (inputTokens + minOutput > ceiling) {
        const where = `policies/finops.yaml phases.${config.finops.active_phase}.providers.${candidate.provider}.max_tokens`;
        path.push({ provider: candidate.provider, model: candidate.model, outcome: 'skipped', reason: `the prompt (~${inputTokens} tokens) does not fit ${candidate.provider}'s ceiling of ${ceiling} tokens per request (${where})` });
        continue;
      }
      if (price.contextWindow <= largerWindowThan || inputTokens + minOutput > price.contextWindow) {
        path.push({ provider: candidate.provider, model: candidate.model, outcome: 'skipped', reason: `the prompt (~${inputTokens} tokens) does not fit ${candidate.model}'s ${price.contextWindow}-token window` });
        continue;
      }
      const taskCap = config.routing.task_types[task].max_tokens ?? Number.POSITIVE_INFINITY;
      const desired = Math.min(request.maxOutputTokens ?? price.maxOutputTokens, price.maxOutputTokens, price.contextWindow - inputTokens, ceiling - inputTokens, taskCap);
      let reservation;
      try {
        reservation = await guardian.reserve({ ...request.budget, provider: candidate.provider }, {
          runId: request.budget?.runId,
          correlationId: request.correlationId,
          model: candidate.model,
          task,
          price: price.price,
          inputTokens,
          desiredMaxTokens: desired,
          minOutputTokens: minOutput,
        });
      } catch (error) {
        if (!(error instanceof BudgetExceeded)) throw error;
        budgetRefusal ??= error;
        path.push({ provider: candidate.provider, model: candidate.model, outcome: 'skipped', reason: error.message });
        continue;
      }

      const breaker = breakerFor(candidate.provider);
      // Set before the guardian is handed a billed call: from then on the guardian charges it (in
      // full if need be) and it must never be released, even when settling throws.
      let closed = false;
      const settleMeta = { installationId: request.budget?.installation?.id, repository: request.budget?.repository?.id };
      /** Records a refused usage report in the ledger and turns it into the provider error the caller sees. */
      const refuseUsage = async (problem: string, costEur: number) => {
        const message = `${problem}; the call was charged its full reservation (€${costEur.toFixed(4)})`;
        await record(chain, 'model.usage_refused', { task, correlation_id: request.correlationId, provider: candidate.provider, model: candidate.model, reason: problem, charged: 'full_reservation', cost_eur: costEur, reserved_eur: reservation.amountEur });
        path.push({ provider: candidate.provider, model: candidate.model, outcome: 'failed', reason: message });
        return new ProviderError({ provider: candidate.provider, kind: 'invalid_usage', message });
      };
      const unprefixed = (error: ProviderError) => error.message.replace(`${candidate.provider}: `, '');
      try {
        for (let attempt = 0; attempt <= failover.max_retries; attempt += 1) {
          if (!breaker.tryAcquire()) {
            path.push({ provider: candidate.provider, model: candidate.model, outcome: 'skipped', reason: `${candidate.provider} is failing: its circuit breaker is open` });
            break;
          }
          attempts += 1;
          const callStarted = now();
          try {
            const result = await provider.complete({
              model: candidate.model,
              messages: request.messages,
              maxTokens: reservation.maxTokens,
              timeoutMs: failover.timeout_ms,
              ...(request.schema ? { schema: request.schema } : {}),
            });
            breaker.onSuccess();
            closed = true;
            const spend = await guardian.settle(reservation.id, result.usage, {
              latencyMs: now() - callStarted,
              attempts,
              failoverPath: path,
              ...settleMeta,
              // Our own estimate is not judged against the window; a vendor's report is.
              contextWindow: result.usageEstimated ? undefined : price.contextWindow,
            });
            if (spend.refusedUsage !== undefined) throw await refuseUsage(`${candidate.model} reported usage that cannot be charged: ${spend.refusedUsage}`, spend.costEur);
            path.push({ provider: candidate.provider, model: candidate.model, outcome: 'ok' });
            const routed: RouteResult = { ...result, costEur: spend.costEur, reservedEur: spend.reservedEur, attempts, latencyMs: now() - started, failoverPath: path };
            await record(chain, 'model.call', {
              task,
              correlation_id: request.correlationId,
              provider: result.provider,
              model: result.model,
              input_tokens: result.usage.inputTokens,
              output_tokens: result.usage.outputTokens,
              cost_eur: spend.costEur,
              reserved_eur: spend.reservedEur,
              charged: spend.charged,
              usage_over_reservation: spend.overReservation,
              latency_ms: routed.latencyMs,
              attempts,
              failover_path: path,
              residency: residencyLog,
              response: { text: result.text, structured: result.structured ?? null, finish_reason: result.finishReason },
            });
            return routed;
          } catch (error) {
            if (!(error instanceof ProviderError) || closed) throw error;
            lastError = error;
            if (error.kind === 'invalid_usage') {
              // The vendor answered but its bill cannot be believed: charge the most it could be.
              breaker.onSuccess();
              closed = true;
              const spend = await guardian.refuseUsage(reservation.id, unprefixed(error), { latencyMs: now() - callStarted, attempts, failoverPath: path, ...settleMeta });
              throw await refuseUsage(unprefixed(error), spend.costEur);
            }
            if (error.usage) {
              // The vendor billed this answer (cut off, refused, or not valid JSON): charge it.
              closed = true;
              const spend = await guardian.settle(reservation.id, error.usage, { attempts, failoverPath: path, outcome: 'error', ...settleMeta, contextWindow: price.contextWindow });
              breaker.onSuccess();
              if (spend.refusedUsage !== undefined) throw await refuseUsage(`${candidate.model} reported usage that cannot be charged: ${spend.refusedUsage}`, spend.costEur);
              throw error;
            }
            if (error.kind === 'context_window') {
              breaker.onSuccess();
              largerWindowThan = price.contextWindow;
              path.push({ provider: candidate.provider, model: candidate.model, outcome: 'failed', reason: error.message });
              break;
            }
            if (!error.retryable) {
              breaker.onSuccess();
              throw error;
            }
            breaker.onFailure();
            const retryAfter = error.retryAfterMs;
            const lastTry = attempt === failover.max_retries || (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS);
            path.push({ provider: candidate.provider, model: candidate.model, outcome: lastTry ? 'failed' : 'retried', reason: error.message });
            if (lastTry) break;
            await sleep(backoffDelay(attempt, failover.retry_delay_ms, retryAfter, deps.random));
          }
        }
      } finally {
        // Only a call the vendor never billed is given back.
        if (!closed) await guardian.release(reservation.id);
      }
    }

    const refusal = budgetRefusal && !path.some((step) => step.outcome === 'failed') ? budgetRefusal : undefined;
    await record(chain, 'model.refused', { task, correlation_id: request.correlationId, failover_path: path, residency: residencyLog, reason: refusal?.message ?? null });
    if (refusal) throw refusal;
    throw new NoProviderAvailable(task, path, { retryable: lastError instanceof ProviderError && lastError.retryable, cause: lastError });
  }

  return {
    route,
    /** Residency decisions on each configured provider's real endpoint. */
    residencyDecisions: () => new Map(residency),
    /** Circuit state per provider, for metrics and `/aos status`. */
    circuitStates: () => new Map([...breakers].map(([name, breaker]) => [name, breaker.state()])),
  };
}

/** The router's interface. */
export type Router = ReturnType<typeof createRouter>;
