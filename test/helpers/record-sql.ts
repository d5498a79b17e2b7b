import type { Knex } from 'knex';

/** One durable commit: an explicit transaction's statements, or one statement sent outside any (autocommit). */
export interface CommitUnit {
  transaction: boolean;
  statements: string[];
}

/** What a stretch of work sent to the database. */
export interface SqlRecord {
  /** Every query sent, BEGIN and COMMIT included: the round trips. */
  roundTrips: number;
  /** Queries other than BEGIN, COMMIT and ROLLBACK. */
  statements: number;
  /** Explicit transactions begun. */
  transactions: number;
  /** Each commit, in order (rolled-back transactions are not among them). */
  commits: CommitUnit[];
}

const CONTROL = /^\s*(begin|commit|rollback)\b/i;

/**
 * Records what knex sends, from its 'query' events (emitted for BEGIN and COMMIT too, with the
 * transaction's id), so tests can bound commits and benchmarks can report a figure that does not
 * depend on how loaded the machine is. `take` returns what was sent since the last `take`.
 */
export function recordSql(knex: Knex): { take(): SqlRecord; stop(): void } {
  const fresh = (): SqlRecord => ({ roundTrips: 0, statements: 0, transactions: 0, commits: [] });
  let record = fresh();
  const open = new Map<string, CommitUnit>();
  const listener = (query: { sql: string; __knexTxId?: string }) => {
    record.roundTrips += 1;
    const control = CONTROL.exec(query.sql)?.[1]?.toLowerCase();
    const txId = query.__knexTxId;
    if (control === 'begin' && txId) {
      record.transactions += 1;
      open.set(txId, { transaction: true, statements: [] });
    } else if (control === 'commit' && txId) {
      record.commits.push(open.get(txId) ?? { transaction: true, statements: [] });
      open.delete(txId);
    } else if (control === 'rollback' && txId) {
      open.delete(txId);
    } else {
      record.statements += 1;
      const unit = txId ? open.get(txId) : undefined;
      if (unit) unit.statements.push(query.sql);
      else record.commits.push({ transaction: false, statements: [query.sql] });
    }
  };
  knex.on('query', listener);
  return {
    take() {
      const taken = record;
      record = fresh();
      return taken;
    },
    stop: () => void knex.removeListener('query', listener),
  };
}
