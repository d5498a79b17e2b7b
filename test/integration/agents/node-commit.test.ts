import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { agentHarness, answers, FIXTURE_FILES, reply } from '../../helpers/agent-fixture.ts';
import { createGitTestRepo, type GitTestRepo } from '../../helpers/git-test-repo.ts';
import { startOpenAiDouble, toolCallBody } from '../../helpers/openai-double.ts';
import { recordSql } from '../../helpers/record-sql.ts';
import { requireBackend } from '../../helpers/require-backend.ts';
import { createPostgresTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';

// Several full runs on a busy 2-core machine: generous, and only a bound on waiting.
const SCENARIO_TIMEOUT_MS = 120_000;

const SCRIPT = [
  reply(answers.plan()),
  reply(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }])),
  reply(answers.critic('pass')),
  reply(answers.acceptance()),
];
const NODES = ['planner', 'coder', 'critic', 'qa', 'approver'];

describe('a node commits its checkpoint and its ledger events together', () => {
  const pgUrl = requireBackend('postgres');
  let testDb: TestDatabase;
  let repo: GitTestRepo;
  beforeAll(async () => {
    if (pgUrl) testDb = await createPostgresTestDatabase(pgUrl);
    repo = createGitTestRepo();
    repo.write(FIXTURE_FILES);
    repo.commitAll('fixture');
  });
  afterAll(async () => {
    repo?.remove();
    await testDb?.drop();
  });

  /** Each node's scripted answer, by its system prompt, however often a run is resumed. */
  const scriptedAnswer = (body: Record<string, unknown>) => {
    const system = (body.messages as Array<{ content: string }>)[0]?.content ?? '';
    const index = ['You are the planner', 'You are the coder', 'You are the critic', 'You are the QA'].findIndex((start) =>
      system.startsWith(start),
    );
    return SCRIPT[index] ?? { status: 400, body: { error: { message: 'unscripted request' } } };
  };
  /** A model double that answers each node by its system prompt. */
  const scriptedModel = () => startOpenAiDouble(scriptedAnswer);
  const checkpointStep = async (runId: string) => {
    const row = (await testDb.db
      .knex('sessions')
      .where({ id: `run:${runId}` })
      .first('payload')) as { payload: { step: number } } | undefined;
    return row?.payload.step ?? null;
  };
  const eventsOf = async (runId: string) =>
    (
      (await testDb.db.knex('ledger_events').where({ run_id: runId }).orderBy('seq')) as Array<{
        event_type: string;
        payload: { node?: string };
      }>
    ).map((row) => (row.event_type === 'node.completed' ? `node.completed:${row.payload.node}` : row.event_type));
  /** A trigger that makes PostgreSQL refuse one write, so the failure is the database's, between nothing of ours. */
  const injectFailure = async (name: string, table: string, condition: string) => {
    await testDb.db.knex.raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${condition} THEN RAISE EXCEPTION 'injected failure in ${table}'; END IF;
        RETURN NEW;
      END $$`);
    await testDb.db.knex.raw(`CREATE TRIGGER ${name} BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    return async () => {
      await testDb.db.knex.raw(`DROP TRIGGER ${name} ON ${table}`);
      await testDb.db.knex.raw(`DROP FUNCTION ${name}()`);
    };
  };

  it.skipIf(!pgUrl)(
    'writes neither the checkpoint nor any event of a node whose checkpoint the database refuses, and resumes cleanly',
    async () => {
      const model = await scriptedModel();
      try {
        const harness = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
        const removeTrigger = await injectFailure(
          'refuse_coder_checkpoint',
          'sessions',
          `NEW.id = 'run:refused-checkpoint' AND (NEW.payload->>'step')::int = 2`,
        );
        try {
          await expect(harness.run('refused-checkpoint')).rejects.toThrow(/injected failure in sessions/);
        } finally {
          await removeTrigger();
        }
        expect(await checkpointStep('refused-checkpoint')).toBe(1);
        // The coder's model call and its node event went with the refused checkpoint.
        expect(await eventsOf('refused-checkpoint')).toEqual(['run.started', 'model.call', 'node.completed:planner']);

        const outcome = await harness.run('refused-checkpoint');
        expect(outcome).toMatchObject({ status: 'completed', resumed: true });
        const events = await eventsOf('refused-checkpoint');
        expect(events.filter((event) => event.startsWith('node.completed:'))).toEqual(NODES.map((node) => `node.completed:${node}`));
        expect(events.at(-1)).toBe('run.completed');
        expect(await harness.ledger.verifyLedgerIntegrity('refused-checkpoint')).toMatchObject({ ok: true, problems: [] });
      } finally {
        await model.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    'does not move the checkpoint on when the database refuses the node event',
    async () => {
      const model = await scriptedModel();
      try {
        const harness = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
        const removeTrigger = await injectFailure(
          'refuse_critic_event',
          'ledger_events',
          `NEW.run_id = 'refused-event' AND NEW.event_type = 'node.completed' AND NEW.payload->>'node' = 'critic'`,
        );
        try {
          await expect(harness.run('refused-event')).rejects.toThrow(/injected failure in ledger_events/);
        } finally {
          await removeTrigger();
        }
        // Saved before the event, the checkpoint would say the critic is done while the ledger does not.
        expect(await checkpointStep('refused-event')).toBe(2);
        expect((await eventsOf('refused-event')).filter((event) => event.startsWith('node.completed:'))).toEqual([
          'node.completed:planner',
          'node.completed:coder',
        ]);
        const outcome = await harness.run('refused-event');
        expect(outcome).toMatchObject({ status: 'completed', resumed: true });
        expect(await harness.ledger.verifyLedgerIntegrity('refused-event')).toMatchObject({ ok: true, problems: [] });
      } finally {
        await model.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    'still records what a node that crashes had paid for, and keeps its checkpoint where it was',
    async () => {
      // The planner's first answer does not match its schema (a paid call, then a repair call);
      // the database then refuses the repair call's reservation: a crash, not an expected failure.
      const model = await startOpenAiDouble(() => reply({ not: 'a plan' }));
      try {
        const harness = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
        const removeTrigger = await injectFailure(
          'refuse_second_reservation',
          'budget_reservations',
          `TG_OP = 'INSERT' AND NEW.run_id = 'crashing-node' AND EXISTS (SELECT 1 FROM budget_reservations WHERE run_id = NEW.run_id)`,
        );
        try {
          await expect(harness.run('crashing-node')).rejects.toThrow(/injected failure in budget_reservations/);
        } finally {
          await removeTrigger();
        }
        expect(model.count()).toBe(1);
        expect(await checkpointStep('crashing-node')).toBe(0);
        expect(await eventsOf('crashing-node')).toEqual(['run.started', 'model.call']);
        expect(await harness.ledger.verifyLedgerIntegrity('crashing-node')).toMatchObject({ ok: true, problems: [] });
      } finally {
        await model.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    'commits once per node for checkpoint and ledger, besides the budget’s reserve and settle per model call',
    async () => {
      const model = await scriptedModel();
      const sql = recordSql(testDb.db.knex);
      try {
        const harness = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
        sql.take();
        const outcome = await harness.run('counted-run');
        const { commits } = sql.take();
        expect(outcome.state.approval?.verdict).toBe('ready');
        expect(model.count()).toBe(4);
        const touches = (table: RegExp) => commits.filter((unit) => unit.statements.some((statement) => table.test(statement)));
        // The run's start, then one commit per node: each carries the checkpoint and every event of the node.
        const journal = touches(/\binsert into (ledger_events|sessions)\b/i);
        expect(journal).toHaveLength(1 + NODES.length);
        expect(journal.every((unit) => unit.statements.length === 1 && /\binsert into sessions\b/i.test(unit.statements[0]!))).toBe(true);
        // Reserve and settle stay one transaction each per call (settle a single statement); everything else is a lone read.
        const budget = commits.filter((unit) =>
          unit.statements.some((statement) => /\b(insert into|update) budget_reservations\b/i.test(statement)),
        );
        expect(budget).toHaveLength(2 * 4);
        const others = commits.filter((unit) => !journal.includes(unit) && !budget.includes(unit));
        expect(others.every((unit) => !unit.transaction && /^\s*select\b/i.test(unit.statements[0]!))).toBe(true);
        expect((await harness.ledger.readEvents('counted-run')).map((event) => event.type)).toEqual([
          'run.started',
          ...['planner', 'coder', 'critic', 'qa'].flatMap(() => ['model.call', 'node.completed']),
          'node.completed',
          'run.completed',
        ]);
      } finally {
        sql.stop();
        await model.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    'appends a tool-loop turn’s events before the next paid call, and the last turn with the checkpoint',
    async () => {
      // The planner reads a file, then searches, then answers: two turns that asked for tools.
      const plannerTurns = [
        { name: 'read_file', arguments: { path: 'src/math.ts' } },
        { name: 'search', arguments: { pattern: 'add(' } },
      ];
      const model = await startOpenAiDouble((body) => {
        const messages = body.messages as Array<{ role: string; content: string }>;
        if (!(messages[0]?.content ?? '').startsWith('You are the planner')) return scriptedAnswer(body);
        const turn = plannerTurns[messages.filter((message) => message.role === 'tool').length];
        return turn
          ? { status: 200, body: toolCallBody([{ ...turn, id: `t_${turn.name}` }], undefined, 'Qwen/Qwen2.5-Coder-32B-Instruct') }
          : reply(answers.plan());
      });
      const sql = recordSql(testDb.db.knex);
      try {
        const harness = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
        sql.take();
        const outcome = await harness.run('tool-loop-run');
        const { commits } = sql.take();
        expect(outcome.state.approval?.verdict).toBe('ready');
        expect(model.count()).toBe(6);
        // Each commit that writes, in order: the journal's (checkpoint or flush) and the budget's.
        const kinds = commits
          .map((unit) => {
            const all = unit.statements.join('\n');
            if (/\binsert into sessions\b/i.test(all)) return 'checkpoint';
            if (/\binsert into ledger_events\b/i.test(all)) return 'flush';
            if (/\binsert into budget_reservations\b/i.test(all)) return 'reserve';
            if (/\bupdate budget_reservations\b/i.test(all)) return 'settle';
            return null;
          })
          .filter((kind) => kind !== null);
        const paidCall = ['reserve', 'settle'];
        expect(kinds).toEqual([
          'checkpoint',
          ...paidCall,
          'flush',
          ...paidCall,
          'flush',
          ...paidCall,
          'checkpoint',
          ...['coder', 'critic', 'qa'].flatMap(() => [...paidCall, 'checkpoint']),
          'checkpoint',
        ]);
        // A flush is one statement, outside any transaction.
        const flushes = commits.filter((unit) => unit.statements.some((statement) => /\binsert into ledger_events\b/i.test(statement)));
        const lone = flushes.filter((unit) => !unit.statements.some((statement) => /\binsert into sessions\b/i.test(statement)));
        expect(lone).toHaveLength(2);
        expect(lone.every((unit) => unit.statements.length === 1)).toBe(true);
        expect((await harness.ledger.readEvents('tool-loop-run')).map((event) => event.type)).toEqual([
          'run.started',
          ...['model.call', 'tool.call', 'model.call', 'tool.call', 'model.call', 'node.completed'],
          ...['coder', 'critic', 'qa'].flatMap(() => ['model.call', 'node.completed']),
          'node.completed',
          'run.completed',
        ]);
        expect(await harness.ledger.verifyLedgerIntegrity('tool-loop-run')).toMatchObject({ ok: true, problems: [] });
      } finally {
        sql.stop();
        await model.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );
});
