import { hostname } from 'node:os';
import type { AosConfig, AosEnv } from '../config/index.ts';
import { createResidencyCheck } from '../llm/create-residency-check.ts';
import { createProviders, missingProviderHint } from '../llm/providers/create-providers.ts';
import { createRouter, type Router } from '../llm/router.ts';
import type { LlmProvider, ProviderName } from '../llm/types.ts';
import type { Logger } from '../observability/logger.ts';
import { createMetrics, type Metrics } from '../observability/metrics.ts';
import type { AlertSink } from '../state/budget/budget-alerts.ts';
import { createBudgetGuardian, type BudgetGuardian } from '../state/budget/budget-guardian.ts';
import { createCircuitStore } from '../state/circuit/circuit-store.ts';
import { recordCircuitTransitions } from '../state/circuit/record-circuit-transitions.ts';
import { createLedger, type Ledger } from '../state/ledger/ledger.ts';
import { createResilientCache } from '../state/resilient-cache.ts';
import { createRunStore, type RunStore } from '../state/run-store.ts';
import { createStateRepository, type StateRepository } from '../state/state-repository.ts';
import type { Backends } from '../store/open-backends.ts';

/** Inputs of {@link composeAgentDeps}. */
export interface ComposeAgentDepsOptions {
  /** From `loadEnv`: the provider keys are read here. */
  env: Pick<AosEnv, 'OPENAI_API_KEY' | 'ANTHROPIC_API_KEY'> & Partial<Pick<AosEnv, 'AOS_TRACE_CONTENT'>>;
  /** From `loadConfig`: vendor endpoints already carry the env overrides. */
  config: AosConfig;
  backends: Pick<Backends, 'db' | 'redis'>;
  logger: Logger;
  /** Replaces the global fetch of every provider (tests, proxies). */
  fetch?: typeof fetch;
  /** Default: a fresh registry, so two compositions in one process never collide. */
  metrics?: Metrics;
  /** Where budget alerts go; default a sink that logs them (they are stored either way). */
  alerts?: AlertSink;
  /** Names this process in the recorded circuit breaker transitions; default `<host>:<pid>`. */
  processId?: string;
}

/** What an agent run needs besides its workspace: the router and the stores it records into. */
export interface AgentDeps {
  router: Router;
  guardian: BudgetGuardian;
  ledger: Ledger;
  stateRepository: StateRepository;
  runStore: RunStore;
  providers: ReadonlyMap<ProviderName, LlmProvider>;
  /** Providers of the routing configuration that have no client (no key, no endpoint). */
  missingProviders: ProviderName[];
  metrics: Metrics;
}

/** Where no alert sink is given (the CLI's local plan has no notification channels), an alert is a warning in the log. */
const loggingAlertSink = (logger: Logger): AlertSink => ({
  async publish(alert) {
    logger.warn(
      { alert: { kind: alert.kind, scope: alert.scope, scope_id: alert.scopeId, period: alert.periodKey } },
      `budget alert: ${alert.message}`,
    );
  },
});

/**
 * Builds the model router (providers from the keys and endpoints, residency decided on each real
 * endpoint, the budget guardian in front of every call), the ledger, the state repository (with
 * the Redis cache when the backends have Redis) and the run store; the router records its circuit
 * breakers' transitions in the database. Shared by the CLI's `aos plan`
 * and the GitHub app, so both spend, record and check residency the same way. Opens no
 * connection and calls no provider.
 */
export function composeAgentDeps(options: ComposeAgentDepsOptions): AgentDeps {
  const { env, config, backends, logger } = options;
  const knex = backends.db.knex;
  const metrics = options.metrics ?? createMetrics();
  const providers = createProviders({
    residency: config.residency,
    keys: { openai: env.OPENAI_API_KEY, anthropic: env.ANTHROPIC_API_KEY },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const ledger = createLedger({ knex, metrics });
  const cache = backends.redis ? createResilientCache({ redis: backends.redis, logger, metrics }) : undefined;
  const stateRepository = createStateRepository({ knex, cache, logger, metrics });
  const guardian = createBudgetGuardian({
    knex,
    finops: config.finops,
    alerts: options.alerts ?? loggingAlertSink(logger),
    logger,
    metrics,
  });
  const router = createRouter({
    config,
    providers,
    guardian,
    residency: createResidencyCheck(config),
    ledger,
    logger,
    missingHint: missingProviderHint,
    metrics,
    traceContent: options.env.AOS_TRACE_CONTENT === true,
    // Breakers live in this process's memory; recorded, `aos status` and the run pages see them too.
    onCircuitChange: recordCircuitTransitions({
      store: createCircuitStore(knex),
      processId: options.processId ?? `${hostname()}:${process.pid}`,
      logger,
    }),
  });
  const missingProviders = (Object.keys(config.routing.providers) as ProviderName[]).filter((name) => !providers.has(name));
  return { router, guardian, ledger, stateRepository, runStore: createRunStore(knex), providers, missingProviders, metrics };
}
