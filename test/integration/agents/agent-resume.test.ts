import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgentGraph } from '#src/agents/build-agent-graph.ts';
import { graphFromYaml, graphToYaml } from '#src/agents/graph/graph-snapshot.ts';
import { replayRun } from '#src/agents/replay/replay-run.ts';
import { initialAgentState } from '#src/agents/agent-state.ts';
import { createWorktreeTestRunner } from '#src/workspace/create-worktree-test-runner.ts';
import { runAgent } from '#src/agents/run-agent.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { agentHarness, answers, FIXTURE_FILES, FIXTURE_TASK, reply } from '../../helpers/agent-fixture.ts';
import { createGitTestRepo, type GitTestRepo } from '../../helpers/git-test-repo.ts';
import { startOpenAiDouble } from '../../helpers/openai-double.ts';
import { requireBackend } from '../../helpers/require-backend.ts';
import { createPostgresTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';

// A whole scenario with child processes or many round trips; generous so a busy 2-core machine cannot fail it.
const SCENARIO_TIMEOUT_MS = 240_000;

const SCRIPT = [
  reply(answers.plan()),
  reply(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }])),
  reply(answers.critic('pass')),
  reply(answers.acceptance()),
];
const systemPrompt = (body: Record<string, unknown>) => ((body.messages as Array<{ content: string }>)[0]?.content ?? '').split('\n')[0];

describe('agent runs that die, are cancelled, or are replayed', () => {
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

  it.skipIf(!pgUrl)(
    'resumes after kill -9 following the coder, without calling the coder again',
    async () => {
      const model = await startOpenAiDouble(
        (_body, index) => SCRIPT[index] ?? { status: 400, body: { error: { message: 'unscripted request' } } },
      );
      try {
        const child = spawn(
          'node',
          ['--import', 'tsx', 'test/fixtures/scripts/agent-crash-worker.ts', testDb.url!, repo.dir, model.url, 'crash-run'],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('CODER_DONE')) resolve();
          });
          child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
        });
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        expect(model.count()).toBe(2);

        const harness = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
        const outcome = await harness.run('crash-run');
        expect(outcome).toMatchObject({ status: 'completed', resumed: true });
        expect(outcome.state.approval?.verdict).toBe('ready');
        expect(outcome.state.changes['src/math.ts']).toContain('return a + b;');
        expect(model.requests.map(systemPrompt)).toEqual([
          'You are the planner of aos, which turns a GitHub issue into a pull request.',
          'You are the coder of aos. Implement the plan as edits.',
          'You are the critic of aos. Review the diff against the plan.',
          'You are the QA step of aos. For each acceptance criterion of the plan, decide from the diff whether it is met, and give the evidence (the lines or the reason).',
        ]);
        const nodes = (await harness.ledger.readEvents('crash-run'))
          .filter((event) => event.type === 'node.completed')
          .map((event) => (event.payload as { node: string }).node);
        expect(nodes).toEqual(['planner', 'coder', 'critic', 'qa', 'approver']);
      } finally {
        await model.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)('stops between nodes when cancelled and keeps its checkpoint', async () => {
    const model = await startOpenAiDouble(
      (_body, index) => SCRIPT[index] ?? { status: 400, body: { error: { message: 'unscripted request' } } },
    );
    try {
      const harness = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
      let cancel = false;
      const outcome = await harness.run('cancel-run', undefined, {
        isCancelled: async () => cancel,
        onNodeCompleted: async ({ node }) => {
          if (node === 'planner') cancel = true;
        },
      });
      expect(outcome.status).toBe('cancelled');
      expect(model.count()).toBe(1);
      const events = await harness.ledger.readEvents('cancel-run');
      expect(events.at(-1)).toMatchObject({ type: 'run.cancelled', payload: { next: 'coder' } });
    } finally {
      await model.close();
    }
  });

  it.skipIf(!pgUrl)('refuses to replay a run whose ledger was tampered with', async () => {
    const model = await startOpenAiDouble(
      (_body, index) => SCRIPT[index] ?? { status: 400, body: { error: { message: 'unscripted request' } } },
    );
    try {
      const harness = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
      await harness.run('tampered-run', initialAgentState(FIXTURE_TASK));
      await testDb.db.knex.transaction(async (trx) => {
        await trx.raw('SET LOCAL session_replication_role = replica');
        await trx.raw(
          `UPDATE ledger_events SET payload = jsonb_set(payload, '{response,text}', '"forged"') WHERE run_id = 'tampered-run' AND event_type = 'model.call' AND seq = (SELECT min(seq) FROM ledger_events WHERE run_id = 'tampered-run' AND event_type = 'model.call')`,
        );
      });
      await expect(
        replayRun({ runId: 'tampered-run', ledger: harness.ledger, workspace: harness.workspace(), logger: captureLogger().logger }),
      ).rejects.toThrow(/failed verification/);
    } finally {
      await model.close();
    }
  });

  it.skipIf(!pgUrl)(
    'replays a run that ran a test command from the recorded result, without running it again',
    async () => {
      const model = await startOpenAiDouble(
        (_body, index) => SCRIPT[index] ?? { status: 400, body: { error: { message: 'unscripted request' } } },
      );
      try {
        const harness = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
        const workspace = harness.workspace();
        const tests = createWorktreeTestRunner({
          repoDir: repo.dir,
          baseRef: 'HEAD',
          changes: () => workspace.changedFiles(),
          environment: process.env,
        });
        const state = initialAgentState(FIXTURE_TASK, { testCommand: "grep -q 'return a + b' src/math.ts", testTimeoutMs: 20_000 });
        const outcome = await runAgent({
          runId: 'tested-run',
          initialState: state,
          workspace,
          router: harness.router,
          stateRepository: harness.stateRepository,
          ledger: harness.ledger,
          logger: captureLogger().logger,
          budget: { runId: 'tested-run' },
          tests,
        });
        expect(outcome.state.qa?.checks.find((check) => check.name === 'test command')).toMatchObject({ passed: true });
        const replay = await replayRun({
          runId: 'tested-run',
          ledger: harness.ledger,
          workspace: harness.workspace(),
          logger: captureLogger().logger,
        });
        expect(replay.matches).toBe(true);
      } finally {
        await model.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it('writes the graph to YAML and rebuilds the same graph from it', () => {
    const { graph, implementations } = buildAgentGraph();
    const yaml = graphToYaml(graph.definition);
    expect(yaml).toContain('after_critic');
    const rebuilt = graphFromYaml(yaml, implementations);
    expect(rebuilt.definition).toEqual(graph.definition);
    const revising = {
      ...initialAgentState(FIXTURE_TASK),
      iteration: 1,
      critic: { verdict: 'revise' as const, summary: '', findings: [] },
    };
    expect(rebuilt.next('critic', revising)).toBe('coder');
    expect(rebuilt.next('critic', { ...revising, iteration: 3 })).toBe('qa');
    expect(() => graphFromYaml(yaml.replace('after_critic', 'after_nothing'), implementations)).toThrow(/unknown router "after_nothing"/);
  });
});
