import { describe, expect, it } from 'vitest';
import { createRunStore } from '#src/state/run-store.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { useTestDatabase } from '../../helpers/use-test-database.ts';

describe.each(databaseEngines())('run store on $engine', ({ create }) => {
  const testDb = useTestDatabase(create);

  it('allows one active run per issue and points a second request to it', async () => {
    const store = createRunStore(testDb.db.knex);
    const first = await store.createRun({ kind: 'issue', owner: 'o', repo: 'r', issueNumber: 7, requestedBy: 'alice' });
    expect(first.created).toBe(true);
    const second = await store.createRun({ kind: 'issue', owner: 'o', repo: 'r', issueNumber: 7, requestedBy: 'bob' });
    expect(second).toMatchObject({ created: false, active: { requestedBy: 'alice', status: 'queued' } });
    if (!first.created) throw new Error('unreachable');
    await store.updateRun(first.run.id, { status: 'completed', verdict: 'ready', costEur: 0.42 });
    expect(await store.getRun(first.run.id)).toMatchObject({ status: 'completed', verdict: 'ready', costEur: 0.42 });
    expect((await store.createRun({ kind: 'issue', owner: 'o', repo: 'r', issueNumber: 7 })).created).toBe(true);
  });

  it('records cancellation requests', async () => {
    const store = createRunStore(testDb.db.knex);
    const created = await store.createRun({ kind: 'local' });
    if (!created.created) throw new Error('unreachable');
    expect(await store.isCancelRequested(created.run.id)).toBe(false);
    await store.requestCancel(created.run.id);
    expect(await store.isCancelRequested(created.run.id)).toBe(true);
  });

  it('drops a redelivered webhook', async () => {
    const store = createRunStore(testDb.db.knex);
    expect(await store.recordDelivery('delivery-1', 'issue_comment')).toBe(true);
    expect(await store.recordDelivery('delivery-1', 'issue_comment')).toBe(false);
  });
});
