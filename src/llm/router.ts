import type { AosConfig } from '../config/index.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { ResidencyViolation } from '../policy/residency/index.ts';
import type { BudgetGuardian } from '../state/budget/budget-guardian.ts';
import type { Ledger } from '../state/ledger/ledger.ts';
import { callWithFailover } from './call-with-failover.ts';
import { createCircuitBreaker, type CircuitBreaker, type CircuitChange } from './circuit-breaker.ts';
import type { ProviderHealth } from './decide-route.ts';
import type { FailoverDeps } from './failover-context.ts';
import { planCall } from './plan-call.ts';
import type { RouteRequest, RouteResult } from './route-request.ts';
import type { LlmProvider, ProviderName, TaskType } from './types.ts';

export type { RouteRequest, RouteResult } from './route-request.ts';

/** A residency decision on a provider's real endpoint (see src/policy/residency). */
export interface EndpointDecision {
  allow: boolean;
  host: string;
  reason: string;
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
  /** Counts breaker openings and residency refusals as they happen (the other model metrics come from the ledger after a run). */
  metrics?: Pick<Metrics, 'circuitOpenings' | 'residencyViolations'>;
  /** Told when a provider's breaker opens or closes again, e.g. to record it for `aos status` (see state/circuit-store.ts). */
  onCircuitChange?: (provider: ProviderName, change: CircuitChange) => void;
  /** AOS_TRACE_CONTENT: model-call spans carry the prompt and the completion, redacted as logs are; off by default. */
  traceContent?: boolean;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The model router: every model call in aos goes through `route`. For each call it first plans
 * (see planCall: residency, circuit breakers, prices and windows, so a refused call sends
 * nothing), then acts (see callWithFailover): reserves the worst-case cost, calls with retries and
 * failover, settles the real usage, and records the call in the ledger.
 */
export function createRouter(deps: RouterDeps) {
  const { config, providers, logger } = deps;
  const now = deps.now ?? Date.now;
  const { failover } = config.routing;
  const breakers = new Map<ProviderName, CircuitBreaker>();
  // Every routed provider has an openings series from the start, so increase() sees the first one.
  for (const name of Object.keys(config.routing.providers)) deps.metrics?.circuitOpenings.inc({ provider: name }, 0);
  const breakerFor = (name: ProviderName) => {
    let breaker = breakers.get(name);
    if (!breaker) {
      breaker = createCircuitBreaker({
        failureThreshold: failover.circuit_breaker.failure_threshold,
        cooldownMs: failover.circuit_breaker.cooldown_ms,
        now,
        onOpen: () => deps.metrics?.circuitOpenings.inc({ provider: name }),
        ...(deps.onCircuitChange ? { onChange: (change: CircuitChange) => deps.onCircuitChange!(name, change) } : {}),
      });
      breakers.set(name, breaker);
    }
    return breaker;
  };
  const residency = new Map<ProviderName, EndpointDecision>();
  for (const [name, provider] of providers) residency.set(name, deps.residency(provider));
  const health = () => providerHealth(config, providers, residency, breakerFor);
  const acting: FailoverDeps = {
    providers,
    guardian: deps.guardian,
    failover,
    breakerFor,
    record: ledgerRecorder(deps.ledger, logger),
    sleep: deps.sleep ?? realSleep,
    now,
    random: deps.random,
    residencyOf: (provider) => residency.get(provider),
    traceContent: deps.traceContent,
  };

  async function route(task: TaskType, request: RouteRequest): Promise<RouteResult> {
    const started = now();
    const chain = request.budget?.runId ?? request.correlationId;
    const record = request.record;
    const callDeps: FailoverDeps = record
      ? { ...acting, record: (_chain: string, type: string, payload: Record<string, unknown>) => record(type, payload) }
      : acting;
    const plan = planCall({ task, request, config, health: health(), missingHint: deps.missingHint });
    // log_all_requests: false keeps only the refusals in the ledger.
    const residencyLog = [...residency]
      .filter(([, d]) => config.residency.enforcement.log_all_requests || !d.allow)
      .map(([provider, d]) => ({ provider, allow: d.allow, host: d.host, reason: d.reason }));
    if (plan.refused) {
      // Refused before any network traffic: nothing compliant is left to call.
      await callDeps.record(chain, 'model.refused', {
        task,
        correlation_id: request.correlationId,
        failover_path: plan.skipped,
        residency: residencyLog,
        reason: 'residency',
      });
      deps.metrics?.residencyViolations.inc({ task });
      (request.logger ?? logger).warn({ task, failover_path: plan.skipped }, 'model call refused: no compliant provider');
      throw new ResidencyViolation(plan.blocked);
    }
    const settleMeta = { installationId: request.budget?.installation?.id, repository: request.budget?.repository?.id };
    const log = request.logger ?? logger;
    try {
      const result = await callWithFailover(
        callDeps,
        { task, request, chain, started, residencyLog, settleMeta, path: [...plan.skipped], attempts: 0, overflowedWindow: 0 },
        plan.steps,
      );
      log.info(
        {
          task,
          provider: result.provider,
          model: result.model,
          input_tokens: result.usage.inputTokens,
          output_tokens: result.usage.outputTokens,
          cost_eur: result.costEur,
          attempts: result.attempts,
          latency_ms: result.latencyMs,
        },
        'model call',
      );
      return result;
    } catch (error) {
      log.warn({ task, err: error instanceof Error ? error.message : String(error) }, 'model call failed');
      throw error;
    }
  }

  return {
    route,
    /** Residency decisions on each configured provider's real endpoint. */
    residencyDecisions: () => new Map(residency),
    /** Circuit state per provider, for metrics and `/aos status`. */
    circuitStates: () => new Map([...breakers].map(([name, breaker]) => [name, breaker.state()])),
  };
}

/** Appends a model call's event to the ledger, when there is one; a failed append is logged, never thrown. */
function ledgerRecorder(ledger: Ledger | undefined, logger: Logger): FailoverDeps['record'] {
  return async (chain, type, payload) => {
    if (!ledger) return;
    await ledger
      .appendEvent(chain, type, payload)
      .catch((error: unknown) => logger.error({ err: String(error) }, 'ledger append failed for a model call'));
  };
}

/** What the router knows of each routed provider now: configured, residency, circuit. */
function providerHealth(
  config: AosConfig,
  providers: ReadonlyMap<ProviderName, LlmProvider>,
  residency: ReadonlyMap<ProviderName, EndpointDecision>,
  breakerFor: (name: ProviderName) => CircuitBreaker,
): Partial<Record<ProviderName, ProviderHealth>> {
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
}

/** The router's interface. */
export type Router = ReturnType<typeof createRouter>;
