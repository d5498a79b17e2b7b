import type { Knex } from 'knex';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { GuardedWrite, PendingLedgerEvent } from './ledger/append-chained-events.ts';
import { canonicalJson, sha256Hex } from './ledger/canonical-json.ts';
import type { Ledger } from './ledger/ledger.ts';
import type { ResilientCache } from './resilient-cache.ts';
import { StateIntegrityError } from './state-errors.ts';

/** What `save` returns: the hash and the version the payload was stored under. */
export interface SavedState {
  hash: string;
  version: number;
}

/** One session whose stored payload does not match its stored hash. */
export interface IntegrityProblem {
  sessionId: string;
  storedHash: string;
  actualHash: string;
}

/** Ledger events that must commit with a save: a node's checkpoint and what the node did. */
export interface EventsWithSave {
  ledger: Ledger;
  runId: string;
  events: readonly PendingLedgerEvent[];
}

/** Session state: PostgreSQL is the system of record, Redis a cache in front of it. */
export interface StateRepository {
  /**
   * Saves the payload. With `events`, they are appended to the run's ledger chain in the same
   * statement: after a crash either the save and all of them are stored, or none is.
   */
  save(sessionId: string, payload: unknown, options?: { events?: EventsWithSave }): Promise<SavedState>;
  /** The payload, or null when absent. Throws {@link StateIntegrityError} rather than serve a tampered payload. */
  get<T = unknown>(sessionId: string): Promise<T | null>;
  /** Removes the session; returns whether it existed. */
  delete(sessionId: string): Promise<boolean>;
  /** Waits for cache writes still in flight (they never delay a save or get). */
  flush(): Promise<void>;
  /** Recomputes every stored hash (or one session's) and lists mismatches. */
  verifyIntegrity(sessionId?: string): Promise<{ checked: number; problems: IntegrityProblem[] }>;
}

/** Options for {@link createStateRepository}. */
export interface StateRepositoryOptions {
  knex: Knex;
  cache?: ResilientCache | undefined;
  logger: Logger;
  metrics: Metrics;
  /** Cache entry lifetime; PostgreSQL keeps the data forever. */
  cacheTtlSeconds?: number;
}

const ENTRY_PREFIX = '{"h":"';
const PAYLOAD_MARK = '","p":';

/**
 * Reads a cache entry `{"h":"<sha256>","p":<canonical JSON>}` and checks the payload's bytes
 * against the hash without re-canonicalising: the entry was written from canonical text, so
 * hashing that text is enough to catch a changed or truncated entry.
 */
function readCachedEntry(raw: string): { canonical: string } | null {
  if (!raw.startsWith(ENTRY_PREFIX) || !raw.endsWith('}')) return null;
  const mark = raw.indexOf(PAYLOAD_MARK);
  if (mark !== ENTRY_PREFIX.length + 64) return null;
  const hash = raw.slice(ENTRY_PREFIX.length, mark);
  const canonical = raw.slice(mark + PAYLOAD_MARK.length, -1);
  return sha256Hex(canonical) === hash ? { canonical } : null;
}

const cacheKey = (sessionId: string) => `aos:state:${sessionId}`;

/**
 * The save statement's upsert, audit row and hash index entry as CTEs that write only when the
 * ledger's `guard` claimed the chain head, so the checkpoint commits with its events or not at all.
 */
function guardedSave(sessionId: string, text: string, hash: string): GuardedWrite {
  return {
    ctes: (guard) => ({
      sql: `saved AS (
              INSERT INTO sessions (id, payload, payload_hash, version, updated_at)
              SELECT ?, ?::jsonb, ?, nextval('sessions_version_seq'), now() FROM ${guard}
              ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, payload_hash = EXCLUDED.payload_hash,
                version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
              RETURNING version),
            audit AS (INSERT INTO state_audit (session_id, action, payload_hash) SELECT ?, 'save', ? FROM ${guard}),
            indexed AS (INSERT INTO state_hash_index (hash, session_id) SELECT ?, ? FROM ${guard} ON CONFLICT DO NOTHING)`,
      bindings: [sessionId, text, hash, sessionId, hash, hash, sessionId],
      result: '(SELECT version FROM saved)',
    }),
  };
}

/** Builds the state repository over an open database and an optional cache. */
export function createStateRepository(options: StateRepositoryOptions): StateRepository {
  const { knex, cache, metrics } = options;
  const ttl = options.cacheTtlSeconds ?? 3600;

  const timed = async <T>(operation: 'save' | 'get' | 'delete', work: () => Promise<T>): Promise<T> => {
    const end = metrics.stateOperations.startTimer({ operation });
    try {
      return await work();
    } finally {
      end();
    }
  };

  // The cache entry is built from canonical text directly: no re-parse and re-serialise per save.
  // Callers do not wait for it: PostgreSQL already holds the data, entries are versioned so a late
  // write can never replace a newer one, and a read that runs first simply misses. The promise is
  // kept so `flush` (shutdown, tests) can wait for fills still in flight.
  const pending = new Set<Promise<void>>();
  const fill = (sessionId: string, version: number, canonicalPayload: string | null, hash: string) => {
    if (!cache) return;
    const value = canonicalPayload === null ? null : `{"h":"${hash}","p":${canonicalPayload}}`;
    const write = cache.setIfNewer(cacheKey(sessionId), version, value, ttl).finally(() => pending.delete(write));
    pending.add(write);
  };

  return {
    save: (sessionId, payload, saveOptions = {}) =>
      timed('save', async () => {
        const text = canonicalJson(payload);
        const hash = sha256Hex(text);
        const withEvents = saveOptions.events;
        if (withEvents && withEvents.events.length > 0) {
          const { result } = await withEvents.ledger.appendEvents(withEvents.runId, withEvents.events, {
            alongside: guardedSave(sessionId, text, hash),
          });
          const version = Number(result);
          fill(sessionId, version, text, hash);
          return { hash, version };
        }
        // One statement, so one round trip and one commit: the upsert, its audit row and the hash
        // index entry stand or fall together.
        const { rows } = await knex.raw<{ rows: Array<{ version: number }> }>(
          `WITH saved AS (
             INSERT INTO sessions (id, payload, payload_hash, version, updated_at)
             VALUES (?, ?::jsonb, ?, nextval('sessions_version_seq'), now())
             ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, payload_hash = EXCLUDED.payload_hash,
               version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
             RETURNING version),
           audit AS (INSERT INTO state_audit (session_id, action, payload_hash) VALUES (?, 'save', ?)),
           indexed AS (INSERT INTO state_hash_index (hash, session_id) VALUES (?, ?) ON CONFLICT DO NOTHING)
           SELECT version FROM saved`,
          [sessionId, text, hash, sessionId, hash, hash, sessionId],
        );
        const version = Number(rows[0]!.version);
        fill(sessionId, version, text, hash);
        return { hash, version };
      }),

    get: <T>(sessionId: string) =>
      timed('get', async () => {
        const cached = await cache?.get(cacheKey(sessionId));
        if (cached?.value) {
          const entry = readCachedEntry(cached.value);
          // A cache entry that fails its hash is ignored; PostgreSQL decides.
          if (entry) return JSON.parse(entry.canonical) as T;
        }
        const row = await knex('sessions')
          .where({ id: sessionId })
          .first<{ payload: unknown; payload_hash: string; version: number } | undefined>('payload', 'payload_hash', 'version');
        if (!row) return null;
        const text = canonicalJson(row.payload);
        const actual = sha256Hex(text);
        if (actual !== row.payload_hash) {
          metrics.stateIntegrityFailures.inc();
          throw new StateIntegrityError(sessionId, row.payload_hash, actual);
        }
        fill(sessionId, Number(row.version), text, actual);
        return row.payload as T;
      }),

    delete: (sessionId) =>
      timed('delete', async () => {
        const deleted = await knex.transaction(async (trx) => {
          // RETURNING rather than the affected-row count, which the embedded driver does not report.
          const removed = (await trx('sessions').where({ id: sessionId }).delete().returning('id')) as unknown[];
          const count = removed.length;
          await trx('state_audit').insert({ session_id: sessionId, action: count > 0 ? 'delete' : 'delete_missing' });
          const [seq] = await trx.raw<{ rows: Array<{ v: number }> }>(`SELECT nextval('sessions_version_seq') AS v`).then((r) => r.rows);
          return { existed: count > 0, version: Number(seq!.v) };
        });
        // A tombstone, newer than any fill that read the row before the delete.
        fill(sessionId, deleted.version, null, '');
        return deleted.existed;
      }),

    async flush() {
      await Promise.all([...pending]);
    },

    async verifyIntegrity(sessionId) {
      const query = knex('sessions').select('id', 'payload', 'payload_hash').orderBy('id');
      if (sessionId !== undefined) query.where({ id: sessionId });
      const rows = (await query) as Array<{ id: string; payload: unknown; payload_hash: string }>;
      const problems: IntegrityProblem[] = [];
      for (const row of rows) {
        const actual = sha256Hex(canonicalJson(row.payload));
        if (actual !== row.payload_hash) problems.push({ sessionId: row.id, storedHash: row.payload_hash, actualHash: actual });
      }
      if (problems.length > 0) metrics.stateIntegrityFailures.inc(problems.length);
      return { checked: rows.length, problems };
    },
  };
}
