import type { Knex } from 'knex';
import type { Metrics } from '../../observability/metrics.ts';
import { canonicalJson } from './canonical-json.ts';
import {
  chainEvents,
  GENESIS_HEAD,
  readChainHead,
  writeChainedRows,
  type ChainHead,
  type GuardedWrite,
  type PendingLedgerEvent,
} from './append-chained-events.ts';
import { GENESIS_HASH, hashLedgerEvent, ledgerHashPartsOfText } from './ledger-hash.ts';
import { LedgerReplayError } from './ledger-errors.ts';
import type { LedgerEvent, LedgerVerification } from './ledger-types.ts';
import { verifyChain } from './verify-chain.ts';

/** The append-only, hash-chained record of every step of every run. */
export interface Ledger {
  /** Appends one event to `runId`'s chain; safe under any number of concurrent writers. */
  appendEvent<P>(runId: string, type: string, payload: P): Promise<LedgerEvent<P>>;
  /**
   * Appends several events to `runId`'s chain in order, as one atomic write, with `alongside` (a
   * checkpoint) committed in the same statement or not at all. Usually one round trip: the chain
   * head is remembered per run and claimed on condition that nobody moved it; when somebody did,
   * the head is read again, and after a second miss locked, so concurrent writers stay serialized.
   */
  appendEvents(
    runId: string,
    events: readonly PendingLedgerEvent[],
    options?: { alongside?: GuardedWrite },
  ): Promise<{ events: LedgerEvent[]; result: unknown }>;
  /** The events of one run, in order. */
  readEvents(runId: string): Promise<LedgerEvent[]>;
  /** Verifies one run's chain, or every chain. */
  verifyLedgerIntegrity(runId?: string): Promise<LedgerVerification>;
  /**
   * Applies the events `consumer` has not seen yet, in strict order, then advances its cursor.
   * Running it again applies nothing twice. Stops with {@link LedgerReplayError} at a gap or a
   * broken event, with the cursor on the last event applied.
   */
  replayEvents(
    runId: string,
    consumer: string,
    apply: (event: LedgerEvent) => Promise<void> | void,
  ): Promise<{ applied: number; lastSeq: number }>;
}

interface EventRow {
  run_id: string;
  seq: number;
  event_type: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
  created_at: Date | string;
}

const toEvent = (row: EventRow): LedgerEvent => ({
  runId: row.run_id,
  seq: Number(row.seq),
  type: row.event_type,
  payload: row.payload,
  prevHash: row.prev_hash,
  hash: row.hash,
  createdAt: new Date(row.created_at).toISOString(),
});

// Heads remembered per process: enough for every run a worker has in flight, small enough to ignore.
const REMEMBERED_HEADS = 1024;
// Conditional writes tried before the head is locked: a miss means another writer on the same
// chain, and locking then guarantees progress however many there are.
const OPTIMISTIC_ATTEMPTS = 2;

/** Builds the ledger over an open database. */
export function createLedger(options: { knex: Knex; metrics: Metrics; now?: () => Date }): Ledger {
  const { knex, metrics } = options;
  const now = options.now ?? (() => new Date());
  // A hint, never trusted: every write that uses it is conditional on the head still being it.
  const heads = new Map<string, ChainHead>();
  const remember = (runId: string, head: ChainHead) => {
    heads.delete(runId);
    heads.set(runId, head);
    if (heads.size > REMEMBERED_HEADS) heads.delete(heads.keys().next().value!);
  };

  const readEvents = async (runId: string, afterSeq = 0) =>
    ((await knex('ledger_events').where({ run_id: runId }).andWhere('seq', '>', afterSeq).orderBy('seq')) as EventRow[]).map(toEvent);

  return {
    async appendEvent<P>(runId: string, type: string, payload: P) {
      const createdAt = now().toISOString();
      // Stored exactly as hashed: the canonical form, so verification recomputes the same bytes.
      const text = canonicalJson(payload ?? null);
      const { prefix, suffix } = ledgerHashPartsOfText({ runId, type, payloadText: text, createdAt });
      // One statement: upsert-and-lock the chain head, hash with its last hash, insert the event.
      // The row lock is held for this statement and its commit only, however many writers queue.
      const { rows } = await knex.raw<{ rows: Array<{ seq: number; prev_hash: string; hash: string }> }>(
        `WITH head AS (
           INSERT INTO ledger_chains AS chain (run_id, last_seq, prev_hash, last_hash)
           VALUES (:runId, 1, :genesis, encode(sha256(convert_to(:prefix || :genesis || :suffix, 'UTF8')), 'hex'))
           ON CONFLICT (run_id) DO UPDATE SET
             last_seq = chain.last_seq + 1,
             prev_hash = chain.last_hash,
             last_hash = encode(sha256(convert_to(:prefix || chain.last_hash || :suffix, 'UTF8')), 'hex'),
             updated_at = now()
           RETURNING last_seq, prev_hash, last_hash)
         INSERT INTO ledger_events (run_id, seq, event_type, payload, prev_hash, hash, created_at)
         SELECT :runId, last_seq, :type, CAST(:payload AS jsonb), prev_hash, last_hash, CAST(:createdAt AS timestamptz) FROM head
         RETURNING seq, prev_hash, hash`,
        { runId, genesis: GENESIS_HASH, prefix, suffix, type, payload: text, createdAt },
      );
      const row = rows[0]!;
      metrics.ledgerAppends.inc();
      remember(runId, { seq: Number(row.seq), hash: row.hash });
      return { runId, type, payload: JSON.parse(text) as P, createdAt, seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash };
    },

    async appendEvents(runId, events, appendOptions = {}) {
      if (events.length === 0) return { events: [], result: undefined };
      const at = now();
      let head = heads.get(runId) ?? GENESIS_HEAD;
      for (let attempt = 1; ; attempt += 1) {
        let rows = chainEvents(runId, head, events, at);
        const written =
          attempt <= OPTIMISTIC_ATTEMPTS
            ? await writeChainedRows(knex, runId, head, rows, appendOptions.alongside)
            : await knex.transaction(async (trx) => {
                head = await readChainHead(trx, runId, true);
                rows = chainEvents(runId, head, events, at);
                return writeChainedRows(trx, runId, head, rows, appendOptions.alongside);
              });
        if (written.claimed) {
          const last = rows.at(-1)!;
          remember(runId, { seq: last.seq, hash: last.hash });
          metrics.ledgerAppends.inc(rows.length);
          return {
            events: rows.map((row) => ({
              runId,
              type: row.type,
              payload: JSON.parse(row.text) as unknown,
              createdAt: row.createdAt,
              seq: row.seq,
              prevHash: row.prevHash,
              hash: row.hash,
            })),
            result: written.result,
          };
        }
        head = await readChainHead(knex, runId);
      }
    },

    readEvents: (runId) => readEvents(runId),

    async verifyLedgerIntegrity(runId) {
      const heads = (await (runId === undefined ? knex('ledger_chains') : knex('ledger_chains').where({ run_id: runId }))) as Array<{
        run_id: string;
        last_seq: number;
        last_hash: string;
      }>;
      const runIds = new Set(heads.map((head) => head.run_id));
      const eventRuns =
        runId === undefined ? ((await knex('ledger_events').distinct('run_id')) as Array<{ run_id: string }>) : [{ run_id: runId }];
      for (const row of eventRuns) runIds.add(row.run_id);
      const headById = new Map(heads.map((head) => [head.run_id, { lastSeq: Number(head.last_seq), lastHash: head.last_hash }]));
      const result: LedgerVerification = { ok: true, chains: 0, events: 0, problems: [] };
      for (const id of [...runIds].sort()) {
        const events = await readEvents(id);
        if (events.length === 0 && !headById.has(id)) continue;
        result.chains += 1;
        result.events += events.length;
        result.problems.push(...verifyChain(id, events, headById.get(id)));
      }
      result.ok = result.problems.length === 0;
      if (!result.ok) metrics.ledgerIntegrityFailures.inc(result.problems.length);
      return result;
    },

    async replayEvents(runId, consumer, apply) {
      const cursorRow = (await knex('ledger_replay_cursors').where({ run_id: runId, consumer }).first('last_seq')) as
        { last_seq: number } | undefined;
      let lastSeq = Number(cursorRow?.last_seq ?? 0);
      let previousHash = GENESIS_HASH;
      if (lastSeq > 0) {
        const previous = (await knex('ledger_events').where({ run_id: runId, seq: lastSeq }).first('hash')) as { hash: string } | undefined;
        if (!previous) throw new LedgerReplayError(runId, lastSeq + 1, `event ${lastSeq}, where the cursor stands, is missing`);
        previousHash = previous.hash;
      }
      const saveCursor = () =>
        knex('ledger_replay_cursors')
          .insert({ run_id: runId, consumer, last_seq: lastSeq, updated_at: knex.fn.now() })
          .onConflict(['run_id', 'consumer'])
          .merge();
      let applied = 0;
      for (const event of await readEvents(runId, lastSeq)) {
        if (event.seq !== lastSeq + 1)
          throw new LedgerReplayError(runId, lastSeq + 1, `event ${lastSeq + 1} is missing (next present is ${event.seq})`);
        if (event.prevHash !== previousHash || hashLedgerEvent(event) !== event.hash) {
          throw new LedgerReplayError(runId, event.seq, `event ${event.seq} fails its hash chain check`);
        }
        await apply(event);
        lastSeq = event.seq;
        previousHash = event.hash;
        applied += 1;
        // Advanced after every event, so a replay that dies half-way resumes without applying twice.
        await saveCursor();
      }
      return { applied, lastSeq };
    },
  };
}
