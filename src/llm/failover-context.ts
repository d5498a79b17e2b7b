import type { RoutingConfig } from '../config/index.ts';
import type { BudgetExceeded } from '../policy/finops/index.ts';
import type { BudgetGuardian } from '../state/budget/budget-guardian.ts';
import type { Reservation, SettleMeta } from '../state/budget/budget-store.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import type { PlannedCall } from './plan-call.ts';
import type { RouteRequest } from './route-request.ts';
import type { FailoverStep } from './router-errors.ts';
import type { LlmProvider, ProviderName, TaskType } from './types.ts';

/** What the failover loop acts with: built once per router. */
export interface FailoverDeps {
  providers: ReadonlyMap<ProviderName, LlmProvider>;
  guardian: Pick<BudgetGuardian, 'reserve' | 'settle' | 'refuseUsage' | 'release'>;
  failover: RoutingConfig['failover'];
  breakerFor: (provider: ProviderName) => CircuitBreaker;
  /** Appends to the ledger; a failed append is logged, never thrown. */
  record: (chain: string, type: string, payload: Record<string, unknown>) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random?: (() => number) | undefined;
  /** The residency decision on a provider's endpoint, for its model-call spans. */
  residencyOf?: ((provider: ProviderName) => { allow: boolean; host: string } | undefined) | undefined;
  /** AOS_TRACE_CONTENT: model-call spans carry the prompt and the completion (redacted). */
  traceContent?: boolean | undefined;
}

/** One `route` call on its way through its plan: what it is, and what has happened so far. */
export interface CallProgress {
  readonly task: TaskType;
  readonly request: RouteRequest;
  /** The ledger chain: the run's id, or the correlation id. */
  readonly chain: string;
  readonly started: number;
  /** The residency decisions the ledger records with the call. */
  readonly residencyLog: ReadonlyArray<Record<string, unknown>>;
  /** Who the call is charged to, recorded beside its cost. */
  readonly settleMeta: Pick<SettleMeta, 'installationId' | 'repository'>;
  /** Every skip, retry, failure and the success, in order: the ledger's, the error's and the result's. */
  readonly path: FailoverStep[];
  /** Calls sent so far, over every candidate. */
  attempts: number;
  lastError?: unknown;
  /** The first refusal of the budget, thrown when nothing else went wrong. */
  budgetRefusal?: BudgetExceeded;
  /** The window of a model the prompt overflowed: no model with a window this size or smaller is tried. */
  overflowedWindow: number;
}

/** A candidate with its reservation, while it is being called. */
export interface OpenCall {
  readonly call: PlannedCall;
  readonly reservation: Reservation;
  readonly breaker: CircuitBreaker;
  /**
   * Set before the guardian is handed a billed call: from then on the guardian charges it (in full
   * if need be) and it must never be released, even when settling throws.
   */
  closed: boolean;
}
