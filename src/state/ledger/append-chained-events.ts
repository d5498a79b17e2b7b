import type { Knex } from 'knex';
import { canonicalJson, sha256Hex } from './canonical-json.ts';
import { GENESIS_HASH, ledgerHashPartsOfText } from './ledger-hash.ts';

/** An event to append: what happened, and when (default: when it is appended). */
export interface PendingLedgerEvent {
  type: string;
  payload: unknown;
  createdAt?: Date | string | undefined;
}

/** The head of one chain: its last sequence number and hash (0 and the genesis hash before the first event). */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * A write that must commit with a batch of events or not at all (a node's checkpoint). It is
 * spliced into the batch's statement as extra CTEs, each reading from `guard`, a CTE that has one
 * row only when this statement claimed the chain head; `result` is an SQL expression returned
 * beside the claim (e.g. the saved row's version).
 */
export interface GuardedWrite {
  ctes(guard: string): { sql: string; bindings: unknown[]; result: string };
}

/** One event ready to insert: canonical text, position and hashes. */
interface ChainedRow {
  seq: number;
  type: string;
  text: string;
  createdAt: string;
  prevHash: string;
  hash: string;
}

export const GENESIS_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** Hashes `events` onto `head`, each linking to the one before, every payload serialised once. */
export function chainEvents(runId: string, head: ChainHead, events: readonly PendingLedgerEvent[], now: Date): ChainedRow[] {
  let previous = head;
  return events.map((event) => {
    const text = canonicalJson(event.payload ?? null);
    const createdAt = new Date(event.createdAt ?? now).toISOString();
    const { prefix, suffix } = ledgerHashPartsOfText({ runId, type: event.type, payloadText: text, createdAt });
    const row = {
      seq: previous.seq + 1,
      type: event.type,
      text,
      createdAt,
      prevHash: previous.hash,
      hash: sha256Hex(`${prefix}${previous.hash}${suffix}`),
    };
    previous = row;
    return row;
  });
}

/**
 * Writes chained rows in one statement, on condition that the chain head still is `expected`: the
 * head row is created (first events) or moved on only if nobody else moved it, and the events and
 * the guarded write go in only with it. Under READ COMMITTED a competing writer's update is
 * re-checked against that condition, so two writers can never both claim the same head: one gets
 * `claimed: false` and nothing of its statement is written. Returns the guarded write's result.
 */
export async function writeChainedRows(
  knex: Knex | Knex.Transaction,
  runId: string,
  expected: ChainHead,
  rows: readonly ChainedRow[],
  alongside?: GuardedWrite,
): Promise<{ claimed: boolean; result: unknown }> {
  const last = rows.at(-1)!;
  const head =
    expected.seq === 0
      ? {
          sql: `INSERT INTO ledger_chains (run_id, last_seq, prev_hash, last_hash) VALUES (?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING RETURNING 1`,
          bindings: [runId, last.seq, last.prevHash, last.hash],
        }
      : {
          sql: `UPDATE ledger_chains SET last_seq = ?, prev_hash = ?, last_hash = ?, updated_at = now()
                WHERE run_id = ? AND last_seq = ? AND last_hash = ? RETURNING 1`,
          bindings: [last.seq, last.prevHash, last.hash, runId, expected.seq, expected.hash],
        };
  const values = rows.map(() => '(?::int, ?, ?, ?, ?, ?)').join(', ');
  const extra = alongside?.ctes('head');
  const { rows: answer } = await knex.raw<{ rows: Array<{ claimed: number; result: unknown }> }>(
    `WITH head AS (${head.sql}),
     appended AS (
       INSERT INTO ledger_events (run_id, seq, event_type, payload, prev_hash, hash, created_at)
       SELECT ?, v.seq, v.event_type, CAST(v.payload AS jsonb), v.prev_hash, v.hash, CAST(v.created_at AS timestamptz)
       FROM (VALUES ${values}) AS v(seq, event_type, payload, prev_hash, hash, created_at), head)
     ${extra ? `, ${extra.sql}` : ''}
     SELECT (SELECT count(*) FROM head)::int AS claimed, ${extra ? extra.result : 'NULL'} AS result`,
    [
      ...head.bindings,
      runId,
      ...rows.flatMap((row) => [row.seq, row.type, row.text, row.prevHash, row.hash, row.createdAt]),
      ...(extra?.bindings ?? []),
    ] as never,
  );
  const outcome = answer[0]!;
  return { claimed: Number(outcome.claimed) === 1, result: outcome.result };
}

/** The chain head as stored; with a transaction, locked until it ends. */
export async function readChainHead(knex: Knex | Knex.Transaction, runId: string, lock = false): Promise<ChainHead> {
  const row = (await knex('ledger_chains')
    .where({ run_id: runId })
    .modify((query) => {
      if (lock) void query.forUpdate();
    })
    .first('last_seq', 'last_hash')) as { last_seq: number; last_hash: string } | undefined;
  return row ? { seq: Number(row.last_seq), hash: row.last_hash } : GENESIS_HEAD;
}
