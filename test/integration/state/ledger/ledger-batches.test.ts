import { describe, expect, it } from 'vitest';
import { createMetrics } from '#src/observability/metrics.ts';
import type { GuardedWrite } from '#src/state/ledger/append-chained-events.ts';
import { createLedger } from '#src/state/ledger/ledger.ts';
import { openDatabase } from '#src/store/open-database.ts';
import { databaseEngines } from '../../../helpers/backend-matrix.ts';
import { usePostgresDatabase } from '../../../helpers/use-postgres-database.ts';
import { useTestDatabase } from '../../../helpers/use-test-database.ts';

const batch = (label: string, size: number) => Array.from({ length: size }, (_, i) => ({ type: 'step', payload: { label, i } }));

describe.each(databaseEngines())('ledger batches on $engine', ({ create }) => {
  const testDb = useTestDatabase(create);
  const ledger = () => createLedger({ knex: testDb.db.knex, metrics: createMetrics() });

  it('chains a batch onto events another process appended after this one last wrote', async () => {
    const first = ledger();
    const second = ledger();
    await first.appendEvents('run-stale', batch('a', 2));
    await second.appendEvent('run-stale', 'single', { from: 'second' });
    await second.appendEvents('run-stale', batch('b', 3));
    // `first` still remembers the head after its own two events: its write must notice and re-chain.
    const { events } = await first.appendEvents('run-stale', batch('c', 2));
    expect(events.map((event) => event.seq)).toEqual([7, 8]);
    const stored = await ledger().readEvents('run-stale');
    expect(stored.map((event) => (event.payload as { label?: string }).label ?? 'single')).toEqual([
      'a',
      'a',
      'single',
      'b',
      'b',
      'b',
      'c',
      'c',
    ]);
    expect(events[0]!.prevHash).toBe(stored[5]!.hash);
    expect(await ledger().verifyLedgerIntegrity('run-stale')).toMatchObject({ ok: true, events: 8, problems: [] });
  });

  it('writes a guarded write with its events, and neither when the statement fails', async () => {
    await testDb.db.knex.raw('CREATE TABLE IF NOT EXISTS batch_side (run_id text PRIMARY KEY, note text NOT NULL)');
    const side = (runId: string, note: string | null): GuardedWrite => ({
      ctes: (guard) => ({
        sql: `side AS (INSERT INTO batch_side (run_id, note) SELECT ?, ? FROM ${guard} RETURNING note)`,
        bindings: [runId, note],
        result: '(SELECT note FROM side)',
      }),
    });
    const written = await ledger().appendEvents('run-side', batch('ok', 2), { alongside: side('run-side', 'kept') });
    expect(written.result).toBe('kept');
    // A NOT NULL violation in the side write: the events of the same statement must not stay either.
    await expect(ledger().appendEvents('run-side-2', batch('lost', 3), { alongside: side('run-side-2', null) })).rejects.toThrow();
    expect(await ledger().readEvents('run-side-2')).toEqual([]);
    expect(await testDb.db.knex('ledger_chains').where({ run_id: 'run-side-2' })).toEqual([]);
    expect(await testDb.db.knex('batch_side').orderBy('run_id').pluck('note')).toEqual(['kept']);
  });
});

describe('ledger batches under concurrent writers on PostgreSQL', () => {
  const postgres = usePostgresDatabase();
  const pgUrl = postgres.serverUrl;

  it.skipIf(!pgUrl)('keeps one intact chain when 6 batch writers and 2 single writers race on it', async () => {
    // Connections of their own, so the conditional claims really race (and lose) in the database.
    const writers = await Promise.all(Array.from({ length: 8 }, () => openDatabase({ databaseUrl: postgres.database.url!, poolMax: 1 })));
    try {
      await Promise.all(
        writers.map(async (writer, w) => {
          const l = createLedger({ knex: writer.knex, metrics: createMetrics() });
          for (let i = 0; i < 40; i += 1) {
            if (w < 6)
              await l.appendEvents(
                'run-batch-race',
                [1, 2, 3].slice(0, 1 + (i % 3)).map((k) => ({ type: 'batch', payload: { w, i, k } })),
              );
            else await l.appendEvent('run-batch-race', 'single', { w, i, k: 1 });
          }
        }),
      );
    } finally {
      await Promise.all(writers.map((writer) => writer.close()));
    }
    const reader = createLedger({ knex: postgres.database.db.knex, metrics: createMetrics() });
    const perBatchWriter = [1, 2, 3].reduce((sum, size) => sum + size * Math.ceil((40 - size + 1) / 3), 0);
    const expected = 6 * perBatchWriter + 2 * 40;
    expect(await reader.verifyLedgerIntegrity('run-batch-race')).toMatchObject({ ok: true, events: expected, problems: [] });
    const events = await reader.readEvents('run-batch-race');
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    // Each batch stays whole and in order, and each writer's batches keep their order.
    for (let w = 0; w < 8; w += 1) {
      const mine = events.map((event) => event.payload as { w: number; i: number; k: number }).filter((payload) => payload.w === w);
      const order = mine.map((payload) => payload.i * 10 + payload.k);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    for (let index = 0; index < events.length; index += 1) {
      const payload = events[index]!.payload as { w: number; i: number; k: number };
      if (payload.k > 1) expect(events[index - 1]!.payload).toEqual({ ...payload, k: payload.k - 1 });
    }
  });
});
