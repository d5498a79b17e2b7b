import { describe, expect, it } from 'vitest';
import { createMetrics } from '#src/observability/metrics.ts';
import { createLedger } from '#src/state/ledger/ledger.ts';
import { LedgerReplayError } from '#src/state/ledger/ledger-errors.ts';
import { openDatabase } from '#src/store/open-database.ts';
import { databaseEngines } from '../../../helpers/backend-matrix.ts';
import { usePostgresDatabase } from '../../../helpers/use-postgres-database.ts';
import { useTestDatabase } from '../../../helpers/use-test-database.ts';

describe.each(databaseEngines())('ledger on $engine', ({ create }) => {
  const testDb = useTestDatabase(create);

  const ledger = () => createLedger({ knex: testDb.db.knex, metrics: createMetrics() });
  const writeChain = async (runId: string, count: number) => {
    const l = ledger();
    for (let i = 1; i <= count; i += 1) await l.appendEvent(runId, 'node.completed', { node: `n${i}`, tokens: i * 10 });
  };
  /** Runs SQL as a superuser with triggers off: the path an attacker with database access has. */
  const bypassTrigger = async (sql: string, bindings: unknown[] = []) => {
    await testDb.db.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      await trx.raw(sql, bindings as never);
    });
  };

  it('chains events and verifies them', async () => {
    await writeChain('run-ok', 5);
    const events = await ledger().readEvents('run-ok');
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(await ledger().verifyLedgerIntegrity('run-ok')).toMatchObject({ ok: true, chains: 1, events: 5, problems: [] });
  });

  it('rejects UPDATE, DELETE and TRUNCATE through the trigger', async () => {
    await writeChain('run-locked', 2);
    await expect(testDb.db.knex('ledger_events').where({ run_id: 'run-locked' }).update({ event_type: 'x' })).rejects.toThrow(
      /append-only: UPDATE rejected/,
    );
    await expect(testDb.db.knex('ledger_events').where({ run_id: 'run-locked' }).delete()).rejects.toThrow(/append-only: DELETE rejected/);
    await expect(testDb.db.knex.raw('TRUNCATE ledger_events')).rejects.toThrow(/append-only: TRUNCATE rejected/);
    expect(await ledger().readEvents('run-locked')).toHaveLength(2);
  });

  it('names the edited event', async () => {
    await writeChain('run-edit', 5);
    await bypassTrigger(`UPDATE ledger_events SET payload = '{"node":"n3","tokens":1}' WHERE run_id = 'run-edit' AND seq = 3`);
    const result = await ledger().verifyLedgerIntegrity('run-edit');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'edited' })]);
  });

  it('names an edit whose hash was recomputed by the next link', async () => {
    await writeChain('run-rehash', 4);
    const [third] = await ledger()
      .readEvents('run-rehash')
      .then((events) => events.filter((event) => event.seq === 3));
    const { hashLedgerEvent } = await import('#src/state/ledger/ledger-hash.ts');
    const forged = hashLedgerEvent({ ...third!, payload: { node: 'forged' } });
    await bypassTrigger(`UPDATE ledger_events SET payload = '{"node":"forged"}', hash = ? WHERE run_id = 'run-rehash' AND seq = 3`, [
      forged,
    ]);
    const result = await ledger().verifyLedgerIntegrity('run-rehash');
    expect(result.problems[0]).toMatchObject({ seq: 4, kind: 'edited' });
  });

  it('names the deleted event, and a deleted tail', async () => {
    await writeChain('run-delete', 5);
    await bypassTrigger(`DELETE FROM ledger_events WHERE run_id = 'run-delete' AND seq = 2`);
    expect((await ledger().verifyLedgerIntegrity('run-delete')).problems).toEqual([expect.objectContaining({ seq: 2, kind: 'deleted' })]);
    await writeChain('run-tail', 4);
    await bypassTrigger(`DELETE FROM ledger_events WHERE run_id = 'run-tail' AND seq = 4`);
    expect((await ledger().verifyLedgerIntegrity('run-tail')).problems).toEqual([expect.objectContaining({ seq: 4, kind: 'truncated' })]);
  });

  it('names reordered events', async () => {
    await writeChain('run-order', 5);
    await bypassTrigger(`UPDATE ledger_events SET seq = -1 WHERE run_id = 'run-order' AND seq = 3`);
    await bypassTrigger(`UPDATE ledger_events SET seq = 3 WHERE run_id = 'run-order' AND seq = 4`);
    await bypassTrigger(`UPDATE ledger_events SET seq = 4 WHERE run_id = 'run-order' AND seq = -1`);
    const result = await ledger().verifyLedgerIntegrity('run-order');
    expect(result.problems[0]).toMatchObject({ seq: 3, kind: 'reordered' });
    expect(result.problems.every((problem) => problem.kind === 'reordered')).toBe(true);
  });

  it('verifies every chain when no run is named and finds the one broken chain', async () => {
    const result = await ledger().verifyLedgerIntegrity();
    expect(result.chains).toBeGreaterThanOrEqual(6);
    const broken = new Set(result.problems.map((problem) => problem.runId));
    expect(broken.has('run-ok')).toBe(false);
    expect(broken.has('run-edit')).toBe(true);
  });

  it('replays in order, idempotently, with a cursor per consumer', async () => {
    await writeChain('run-replay', 4);
    const seen: number[] = [];
    const first = await ledger().replayEvents('run-replay', 'state-builder', (event) => {
      seen.push(event.seq);
    });
    expect(first).toEqual({ applied: 4, lastSeq: 4 });
    const again = await ledger().replayEvents('run-replay', 'state-builder', (event) => {
      seen.push(event.seq);
    });
    expect(again).toEqual({ applied: 0, lastSeq: 4 });
    await ledger().appendEvent('run-replay', 'node.completed', { node: 'n5' });
    await ledger().replayEvents('run-replay', 'state-builder', (event) => {
      seen.push(event.seq);
    });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const other = await ledger().replayEvents('run-replay', 'auditor', () => undefined);
    expect(other.applied).toBe(5);
  });

  it('stops replay with a clear error at a gap, after applying what came before', async () => {
    await writeChain('run-gap', 5);
    await bypassTrigger(`DELETE FROM ledger_events WHERE run_id = 'run-gap' AND seq = 3`);
    const seen: number[] = [];
    const replay = ledger().replayEvents('run-gap', 'builder', (event) => {
      seen.push(event.seq);
    });
    await expect(replay).rejects.toBeInstanceOf(LedgerReplayError);
    await expect(ledger().replayEvents('run-gap', 'builder', () => undefined)).rejects.toThrow(/event 3 is missing/);
    expect(seen).toEqual([1, 2]);
  });
});

describe('ledger under concurrent writers on PostgreSQL', () => {
  const postgres = usePostgresDatabase();
  const pgUrl = postgres.serverUrl;
  const ledger = () => createLedger({ knex: postgres.database.db.knex, metrics: createMetrics() });

  it.skipIf(!pgUrl)('keeps one intact chain under 8 concurrent writers × 200 appends', async () => {
    // Eight connections of their own, so the appends really race in the database.
    const writers = await Promise.all(Array.from({ length: 8 }, () => openDatabase({ databaseUrl: postgres.database.url!, poolMax: 1 })));
    try {
      await Promise.all(
        writers.map(async (writer, w) => {
          const l = createLedger({ knex: writer.knex, metrics: createMetrics() });
          for (let i = 0; i < 200; i += 1) await l.appendEvent('run-race', 'append', { writer: w, i });
        }),
      );
    } finally {
      await Promise.all(writers.map((writer) => writer.close()));
    }
    const result = await ledger().verifyLedgerIntegrity('run-race');
    expect(result).toMatchObject({ ok: true, events: 1600 });
    const events = await ledger().readEvents('run-race');
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 1600 }, (_, i) => i + 1));
    for (let w = 0; w < 8; w += 1) {
      const mine = events
        .filter((event) => (event.payload as { writer: number }).writer === w)
        .map((event) => (event.payload as { i: number }).i);
      expect(mine).toEqual(Array.from({ length: 200 }, (_, i) => i));
    }
  });
});
