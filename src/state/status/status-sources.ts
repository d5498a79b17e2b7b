import type { AosConfig } from '../../config/index.ts';
import type { RemainingBudget } from '../budget/budget-guardian.ts';
import type { OpenCircuit } from '../circuit/circuit-store.ts';
import type { RunRecord } from '../run-store.ts';

/** What the queue says of itself. */
export interface QueueReading {
  waiting: number;
  active: number;
  oldestWaitingMs: number;
  workers: number;
}

/**
 * Where {@link gatherSystemStatus} reads from. The server hands it the backends, queue and stores
 * it runs on; `aos status` opens its own (see compose/create-status-sources.ts).
 */
export interface StatusSources {
  database: {
    engine: 'postgresql' | 'pglite';
    location: string;
    /** Resolves when the database answers a query. */
    ping(): Promise<unknown>;
    migrations(): Promise<{ applied: string[]; pending: string[] }>;
  };
  /** Null when REDIS_URL is not set. */
  redis: { location: string; ping(): Promise<unknown> } | null;
  /** `read` is null where this process cannot see the queue; `note` then says where it can be seen. */
  queue: { kind: 'bullmq' | 'in-process'; read: (() => Promise<QueueReading>) | null; note?: string };
  openCircuits(): Promise<OpenCircuit[]>;
  /** Every cap and where it stands (global, and each provider's token ceiling). */
  caps(): Promise<RemainingBudget[]>;
  recentRuns(limit: number): Promise<RunRecord[]>;
  config: AosConfig;
  now?: () => Date;
  /** How long one probe may take (default 5 s). */
  timeoutMs?: number;
}
