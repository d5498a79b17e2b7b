import type { Knex } from 'knex';

/** What one measured stretch sent to the database. */
export interface SqlCounts {
  /** Every query sent, BEGIN and COMMIT included: the round trips. */
  roundTrips: number;
  /** Queries other than BEGIN, COMMIT and ROLLBACK. */
  statements: number;
  /** Explicit transactions (BEGIN). */
  transactions: number;
  /** Durable commits: each COMMIT, plus each statement sent outside a transaction (autocommit). */
  commits: number;
}

const CONTROL = /^\s*(begin|commit|rollback)\b/i;

/**
 * Counts what knex sends from its 'query' events (emitted for transaction control statements too),
 * so a benchmark can report a load-independent figure beside its latencies. `take` returns the
 * counts since the last `take` and starts again from zero; `stop` removes the listener.
 */
export function countSql(knex: Knex): { take(): SqlCounts; stop(): void } {
  let counts: SqlCounts = { roundTrips: 0, statements: 0, transactions: 0, commits: 0 };
  const listener = (query: { sql: string; __knexTxId?: string }) => {
    counts.roundTrips += 1;
    const control = CONTROL.exec(query.sql)?.[1]?.toLowerCase();
    if (control === 'begin') counts.transactions += 1;
    else if (control === 'commit') counts.commits += 1;
    else if (control === undefined) {
      counts.statements += 1;
      if (!query.__knexTxId) counts.commits += 1;
    }
  };
  knex.on('query', listener);
  return {
    take() {
      const taken = counts;
      counts = { roundTrips: 0, statements: 0, transactions: 0, commits: 0 };
      return taken;
    },
    stop: () => void knex.removeListener('query', listener),
  };
}
