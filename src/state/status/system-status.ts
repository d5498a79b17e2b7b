/**
 * What `aos status --json` prints and the run pages' index shows: one stable shape, snake_case
 * like the other JSON outputs. A section that could not be read carries `error` and nulls.
 */
export interface SystemStatus {
  /** True when nothing is degraded. */
  ok: boolean;
  /** What is degraded, each named in a few words (`redis unreachable`, `2 migrations pending`). */
  degraded: string[];
  checked_at: string;
  database: DatabaseStatus;
  redis: RedisStatus;
  queue: QueueStatus;
  circuit_breakers: CircuitBreakersStatus;
  budget: BudgetStatus;
  residency: ResidencyStatus;
  runs: RunsStatus;
}

export interface DatabaseStatus {
  engine: 'postgresql' | 'pglite';
  /** Host, port and database, or the embedded data folder; never credentials. */
  location: string;
  reachable: boolean;
  error: string | null;
  /** Null when the database could not be read. */
  migrations: { applied: string[]; pending: string[] } | null;
}

export interface RedisStatus {
  configured: boolean;
  /** host:port, null when not configured. */
  location: string | null;
  /** Null when not configured. */
  reachable: boolean | null;
  error: string | null;
}

export interface QueueStatus {
  /** BullMQ on Redis, or the server's in-process queue (no REDIS_URL). */
  kind: 'bullmq' | 'in-process';
  /** False when this process cannot see the queue (the in-process queue of another process). */
  visible: boolean;
  note: string | null;
  error: string | null;
  /** Jobs waiting (delayed included) plus running. */
  depth: number | null;
  waiting: number | null;
  active: number | null;
  /** Age of the oldest waiting job in ms; 0 when none waits. */
  oldest_job_age_ms: number | null;
  /** Processes taking jobs from the queue. */
  workers_seen: number | null;
}

export interface CircuitBreakersStatus {
  /** Where the states come from: each process records its breakers' transitions in the database. */
  source: 'database';
  error: string | null;
  /** One entry per routed provider; closed when no process has it open. */
  providers: CircuitProviderStatus[];
}

export interface CircuitProviderStatus {
  provider: string;
  /** open: some process refuses calls to it; half-open: a cooldown ended and the next call probes. */
  state: 'closed' | 'open' | 'half-open';
  processes: Array<{ process: string; state: 'open' | 'half-open'; failures: number; opened_at: string; retry_at: string }>;
}

export interface BudgetStatus {
  phase: string;
  error: string | null;
  caps: Array<{
    scope: string;
    scope_id: string;
    period: string;
    unit: string;
    cap: number;
    spent: number;
    reserved: number;
    remaining: number;
    resets_at: string | null;
  }>;
}

export interface ResidencyStatus {
  enforce_eu_residency: boolean;
  block_non_eu_requests: boolean;
  /** Vendors that stay in routing: compliant, or non-compliant where enforcement only warns. */
  routing_to: string[];
  vendors: Array<{
    vendor: string;
    endpoint_host: string;
    declared_region: string;
    decision: 'allowed' | 'blocked' | 'non_compliant_allowed';
    compliant: boolean;
    reason: string;
  }>;
}

export interface RunsStatus {
  error: string | null;
  /** The newest runs first. */
  recent: Array<{
    id: string;
    kind: string;
    status: string;
    verdict: string | null;
    cost_eur: number;
    created_at: string;
    finished_at: string | null;
    /** owner/repo#issue, or the checkout of a local run. */
    where: string;
    error: string | null;
  }>;
}
