import type { Knex } from 'knex';

/** A breaker transition to record: it opened (until `retryAt`), or it closed again. Times in ms since the epoch. */
export type CircuitTransition = { state: 'open'; failures: number; openedAt: number; retryAt: number } | { state: 'closed' };

/** An open breaker as recorded by the process that owns it. */
export interface OpenCircuit {
  provider: string;
  /** host:pid of that process. */
  process: string;
  failures: number;
  openedAt: Date;
  /** Until then it refuses calls; after it, it lets one probe through (half-open) until the probe's outcome is recorded. */
  retryAt: Date;
}

// A row whose cooldown ended a day ago without a recorded probe belongs to a process that has
// stopped (or has not called that provider since): it says nothing an operator could act on.
const FORGET_AFTER_MS = 86_400_000;

/**
 * Where each process records its circuit breakers' transitions, so that other processes
 * (`aos status`, the run pages of another server) can see breakers that live in a router's memory:
 * a row per provider and process while it is open, deleted when it closes.
 */
export function createCircuitStore(knex: Knex, now: () => Date = () => new Date()) {
  return {
    async record(processId: string, provider: string, transition: CircuitTransition): Promise<void> {
      const key = { provider, process: processId };
      if (transition.state === 'closed') await knex('circuit_breakers').where(key).delete();
      else
        await knex('circuit_breakers')
          .insert({
            ...key,
            failures: transition.failures,
            opened_at: new Date(transition.openedAt),
            retry_at: new Date(transition.retryAt),
            updated_at: now(),
          })
          .onConflict(['provider', 'process'])
          .merge();
      await knex('circuit_breakers')
        .where('retry_at', '<', new Date(now().getTime() - FORGET_AFTER_MS))
        .delete();
    },
    /** Every recorded open breaker, by provider then process. */
    async listOpen(): Promise<OpenCircuit[]> {
      const rows = (await knex('circuit_breakers').orderBy(['provider', 'process'])) as Array<{
        provider: string;
        process: string;
        failures: number;
        opened_at: Date | string;
        retry_at: Date | string;
      }>;
      return rows
        .filter((row) => new Date(row.retry_at).getTime() >= now().getTime() - FORGET_AFTER_MS)
        .map((row) => ({
          provider: row.provider,
          process: row.process,
          failures: row.failures,
          openedAt: new Date(row.opened_at),
          retryAt: new Date(row.retry_at),
        }));
    },
  };
}

/** The circuit store's interface. */
export type CircuitStore = ReturnType<typeof createCircuitStore>;
