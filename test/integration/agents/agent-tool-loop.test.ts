import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { initialAgentState } from '#src/agents/agent-state.ts';
import { replayRun } from '#src/agents/replay/replay-run.ts';
import type { Workspace } from '#src/agents/workspace-types.ts';
import { commitOverlayToBranch } from '#src/workspace/commit-overlay-to-branch.ts';
import { agentHarness, answers, FIXTURE_FILES, FIXTURE_TASK, reply } from '../../helpers/agent-fixture.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { createGitTestRepo, type GitTestRepo } from '../../helpers/git-test-repo.ts';
import { startOpenAiDouble, toolCallBody } from '../../helpers/openai-double.ts';
import { pricedConfigDir } from '../../helpers/priced-config-dir.ts';
import { requireBackend } from '../../helpers/require-backend.ts';
import { startScriptedModel, toolCallAnswer } from '../../helpers/scripted-model.ts';
import { createPostgresTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';

// Whole runs with several model round trips, a child process in one; generous for a loaded 2-core machine.
const SCENARIO_TIMEOUT_MS = 240_000;
const SECRET = 'sk-live-agent-tools-do-not-leak-7';
/** Beside the fixture: a vendored copy (never ranked: vendor/ is excluded), a lockfile (never ranked) and a secret file. */
const EXTRA_FILES = {
  'vendor/calc/add.ts': 'export const addVendored = (a: number, b: number) => a - b; // VENDORED\n',
  'package-lock.json':
    '{\n  "name": "fixture",\n  "lockfileVersion": 3,\n  "packages": { "": { "name": "fixture" } },\n  "note": "LOCKFILE_MARKER"\n}\n',
  '.env': `API_TOKEN=${SECRET}\n`,
};

type Message = { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string };
const messagesOf = (body: Record<string, unknown>) => body.messages as Message[];
const toolResults = (body: Record<string, unknown>) => messagesOf(body).filter((message) => message.role === 'tool');
/** Answers in order, then nothing (the double answers an unscripted request with a 400, which fails the scenario loudly). */
const inOrder = (...steps: unknown[]) => {
  let next = 0;
  return () => steps[next++];
};

describe('the planner and the coder calling read-only tools, over a scripted model and real PostgreSQL', () => {
  const pgUrl = requireBackend('postgres');
  let testDb: TestDatabase;
  let repo: GitTestRepo;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  beforeAll(async () => {
    if (pgUrl) testDb = await createPostgresTestDatabase(pgUrl);
    repo = createGitTestRepo();
    repo.write({ ...FIXTURE_FILES, ...EXTRA_FILES });
    repo.commitAll('fixture');
    model = await startScriptedModel();
  });
  beforeEach(() => {
    model.reset();
    model.requests.length = 0;
  });
  afterAll(async () => {
    await model?.close();
    repo?.remove();
    await testDb?.drop();
  });
  const harness = () => agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: model.url, logger: captureLogger().logger });
  const bodies = (node: string) => model.requests.filter((request) => request.node === node).map((request) => request.body);

  it.skipIf(!pgUrl)(
    'the coder reads a file the ranking never gave it and edits it; the edit lands in the commit; replay answers model and tools from the ledger',
    async () => {
      model.script({
        planner: inOrder(
          toolCallAnswer([{ name: 'search', arguments: { pattern: 'a - b' } }], 'plan'),
          toolCallAnswer([{ name: 'read_file', arguments: { path: 'package-lock.json' } }], 'lock'),
          answers.plan(),
        ),
        coder: inOrder(
          toolCallAnswer([{ name: 'read_file', arguments: { path: 'vendor/calc/add.ts' } }], 'code'),
          answers.edits([
            { kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' },
            { kind: 'replace', path: 'vendor/calc/add.ts', search: 'a - b; // VENDORED', replace: 'a + b; // VENDORED' },
          ]),
        ),
      });
      const h = harness();
      const outcome = await h.run('tool-loop-run');
      expect(outcome.state.failure).toBeNull();
      expect(outcome.state.approval?.verdict).toBe('ready');
      expect(outcome.state.contextFiles).not.toContain('vendor/calc/add.ts');
      expect(outcome.state.changes['vendor/calc/add.ts']).toBe('export const addVendored = (a: number, b: number) => a + b; // VENDORED\n');

      const planner = bodies('planner');
      expect(planner).toHaveLength(3);
      expect(planner[0]!.tool_choice).toBe('auto');
      expect((planner[0]!.tools as Array<{ function: { name: string } }>).map((tool) => tool.function.name)).toEqual([
        'read_file',
        'search',
        'list_dir',
      ]);
      const [searchResult] = toolResults(planner[1]!);
      expect(searchResult).toMatchObject({ tool_call_id: 'plan_1' });
      expect(searchResult!.content).toContain('src/math.ts:2:   return a - b;');
      expect(searchResult!.content).toContain('vendor/calc/add.ts:1: export const addVendored');
      const coder = bodies('coder');
      expect(coder).toHaveLength(2);
      // The coder was not given the vendored file; it read it through the tool.
      expect(JSON.stringify(coder[0])).not.toContain('VENDORED');
      expect(toolResults(coder[1]!)).toEqual([
        {
          role: 'tool',
          tool_call_id: 'code_1',
          content:
            '<tool-result tool="read_file">\nvendor/calc/add.ts, lines 1-1 of 1:\n1| export const addVendored = (a: number, b: number) => a - b; // VENDORED\n</tool-result>',
        },
      ]);

      const events = await h.ledger.readEvents('tool-loop-run');
      const toolEvents = events.filter((event) => event.type === 'tool.call').map((event) => event.payload as Record<string, unknown>);
      expect(toolEvents.map((event) => [event.node, event.name, event.arguments])).toEqual([
        ['planner', 'search', { pattern: 'a - b' }],
        ['planner', 'read_file', { path: 'package-lock.json' }],
        ['coder', 'read_file', { path: 'vendor/calc/add.ts' }],
      ]);
      const modelCalls = events.filter((event) => event.type === 'model.call');
      expect(modelCalls).toHaveLength(7);
      expect((modelCalls[0]!.payload as { response: { tool_calls: unknown[] } }).response.tool_calls).toEqual([
        { id: 'plan_1', name: 'search', arguments: { pattern: 'a - b' } },
      ]);

      const commit = await commitOverlayToBranch({
        repoDir: repo.dir,
        baseRef: 'HEAD',
        branch: 'aos/tool-loop',
        message: 'Make add() add',
        changes: new Map(Object.entries(outcome.state.changes)),
        author: { name: 'aos[bot]', email: 'aos@example.com' },
      });
      expect(repo.git(['show', `${commit}:vendor/calc/add.ts`])).toContain('a + b; // VENDORED');

      // Replay: every answer and every tool result from the ledger. No model request, and the files
      // only the tools read are not read again.
      const requestsBefore = model.requests.length;
      const reads: string[] = [];
      const fresh = h.workspace();
      const watched: Workspace = { ...fresh, readFile: async (path) => (reads.push(path), fresh.readFile(path)) };
      const replay = await replayRun({ runId: 'tool-loop-run', ledger: h.ledger, workspace: watched, logger: captureLogger().logger });
      expect(replay).toMatchObject({ matches: true, modelCallsReplayed: 7 });
      expect(replay.replayFinalStateHash).toBe(outcome.finalStateHash);
      expect(model.requests.length).toBe(requestsBefore);
      expect(reads).not.toContain('vendor/calc/add.ts');
      expect(reads).not.toContain('package-lock.json');
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    'a tool call on .env is refused, a search skips it and a listing marks it: the secret never reaches the model',
    async () => {
      model.script({
        planner: inOrder(
          toolCallAnswer(
            [
              { name: 'read_file', arguments: { path: '.env' } },
              { name: 'search', arguments: { pattern: 'API_TOKEN' } },
              { name: 'list_dir', arguments: { path: '.' } },
            ],
            'env',
          ),
          answers.plan(),
        ),
      });
      const outcome = await harness().run('tool-env-run', initialAgentState(FIXTURE_TASK, { dryRun: true }));
      expect(outcome.state.plan?.summary).toBe('Make add() return the sum.');
      const [read, search, list] = toolResults(bodies('planner')[1]!);
      expect(read!.content).toBe(
        '<tool-result tool="read_file">\nrefused: secret file (.env is never readable by the model)\n</tool-result>',
      );
      expect(search!.content).toContain('0 matching line(s)');
      expect(search!.content).toContain('[1 secret file(s) skipped: never readable]');
      expect(list!.content).toContain('.env (secret file: not readable)');
      for (const request of model.requests) expect(JSON.stringify(request.body)).not.toContain(SECRET);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    'the tool-call cap ends the loop: calls past it are refused, the model is told, and one that keeps asking ends the run with the reason',
    async () => {
      model.script({
        planner: inOrder(
          toolCallAnswer(
            [
              { name: 'list_dir', arguments: { path: 'src' } },
              { name: 'list_dir', arguments: { path: '.' } },
              { name: 'list_dir', arguments: { path: 'vendor' } },
            ],
            'cap',
          ),
          toolCallAnswer([{ name: 'list_dir', arguments: { path: 'src' } }], 'more'),
        ),
      });
      const h = harness();
      const outcome = await h.run('tool-cap-run', initialAgentState(FIXTURE_TASK, { maxToolCalls: 2 }));
      const planner = bodies('planner');
      expect(planner).toHaveLength(2);
      expect(toolResults(planner[1]!).map((message) => message.content)).toEqual([
        expect.stringContaining('src: 2 entries'),
        expect.stringContaining('.: 7 entries\n.env (secret file: not readable)'),
        '<tool-result tool="list_dir">\nrefused: the planner has used all 2 tool calls it may make\n</tool-result>',
      ]);
      expect(planner[1]!.tool_choice).toBe('none');
      expect(messagesOf(planner[1]!).at(-1)).toEqual({
        role: 'user',
        content: 'You have used all 2 tool calls this step allows. Answer now with the plan JSON, from what you have read.',
      });
      expect(outcome.state.failure).toEqual({
        code: 'tool_cap_reached',
        message: 'The planner used all 2 tool calls it may make and asked for more instead of answering.',
      });
      expect(outcome.state.approval?.verdict).toBe('needs-work');
      expect(outcome.state.approval?.reasons.join('\n')).toContain('used all 2 tool calls');
      expect(bodies('coder')).toHaveLength(0);
      const events = await h.ledger.readEvents('tool-cap-run');
      expect(events.filter((event) => event.type === 'tool.cap_reached').map((event) => event.payload)).toEqual([
        {
          node: 'planner',
          max_calls: 2,
          message: 'the planner reached its cap of 2 tool calls; it was asked to answer with what it had read',
        },
      ]);
      expect(events.filter((event) => event.type === 'tool.call')).toHaveLength(3);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    "the cap is the node's: the coder's retry after edits that did not apply gets no more tool calls",
    async () => {
      model.script({
        coder: inOrder(
          toolCallAnswer([{ name: 'read_file', arguments: { path: 'src/index.ts' } }], 'once'),
          answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a * b;', replace: 'return a + b;' }]),
          answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }]),
        ),
      });
      const outcome = await harness().run('tool-cap-coder-run', initialAgentState(FIXTURE_TASK, { maxToolCalls: 1 }));
      expect(outcome.state.changes['src/math.ts']).toContain('return a + b;');
      expect(bodies('coder').map((body) => body.tool_choice)).toEqual(['auto', 'none', 'none']);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    'a loop whose next model call the budget cannot afford stops with the budget reason, and nothing is overspent',
    async () => {
      const RUN_CAP_EUR = 0.05;
      // The first answer is a tool call that uses every output token it was granted, so what is left cannot pay for the next turn.
      const priced = await startOpenAiDouble((body, index) =>
        index === 0
          ? {
              status: 200,
              body: toolCallBody(
                [{ name: 'read_file', arguments: { path: 'src/index.ts' }, id: 'budget_1' }],
                { prompt_tokens: 100, completion_tokens: body.max_tokens as number },
                'Qwen/Qwen2.5-Coder-32B-Instruct',
              ),
            }
          : { status: 400, body: { error: { message: `unexpected request ${index + 1}: the budget should have refused it` } } },
      );
      const configDir = pricedConfigDir();
      try {
        const h = agentHarness({
          knex: testDb.db.knex,
          repoDir: repo.dir,
          modelUrl: priced.url,
          logger: captureLogger().logger,
          configDir,
        });
        const runId = 'tool-budget-run';
        const outcome = await h.run(runId, initialAgentState(FIXTURE_TASK), { budget: { runId, runCapEur: RUN_CAP_EUR } });
        expect(priced.count()).toBe(1);
        expect(outcome.state.failure?.code).toBe('budget_exceeded');
        expect(outcome.state.approval?.verdict).toBe('needs-work');
        const events = await h.ledger.readEvents(runId);
        expect(events.filter((event) => event.type === 'tool.call')).toHaveLength(1);
        expect(events.filter((event) => event.type === 'model.refused').map((event) => (event.payload as { task: string }).task)).toEqual([
          'planning',
        ]);
        const run = (await h.guardian.getRemainingBudget({ runId, runCapEur: RUN_CAP_EUR })).find((row) => row.scope === 'run')!;
        expect(run.spent).toBeGreaterThan(0);
        expect(run.spent).toBeLessThanOrEqual(RUN_CAP_EUR);
        expect(run.reserved).toBe(0);
        expect(run.remaining).toBeGreaterThanOrEqual(0);
      } finally {
        await priced.close();
        rmSync(configDir, { recursive: true, force: true });
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    'a local server that refuses tools (vLLM without --enable-auto-tool-choice) gets the node without them',
    async () => {
      const strict = await startOpenAiDouble((body) =>
        body.tools
          ? {
              status: 400,
              body: { error: { message: '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set' } },
            }
          : reply(answers.plan()),
      );
      try {
        const h = agentHarness({ knex: testDb.db.knex, repoDir: repo.dir, modelUrl: strict.url, logger: captureLogger().logger });
        const outcome = await h.run('tool-refused-run', initialAgentState(FIXTURE_TASK, { dryRun: true }));
        expect(outcome.state.failure).toBeNull();
        expect(outcome.state.plan?.summary).toBe('Make add() return the sum.');
        expect(strict.requests.map((body) => 'tools' in body)).toEqual([true, false]);
      } finally {
        await strict.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.skipIf(!pgUrl)(
    'a worker killed (-9) mid-loop resumes without asking the model, or reading the tools, again for what it already had',
    async () => {
      let reachedThird: () => void = () => undefined;
      const third = new Promise<void>((resolve) => (reachedThird = resolve));
      let releaseHeld: (answer: unknown) => void = () => undefined;
      const held = new Promise((resolve) => (releaseHeld = resolve));
      let plannerCalls = 0;
      model.script({
        planner: () => {
          plannerCalls += 1;
          if (plannerCalls === 1) return toolCallAnswer([{ name: 'read_file', arguments: { path: 'src/index.ts' } }], 'r');
          if (plannerCalls === 2) return toolCallAnswer([{ name: 'search', arguments: { pattern: 'add(' } }], 's');
          // The third turn is held: the worker is killed while it waits for the answer.
          if (plannerCalls === 3) {
            reachedThird();
            return held;
          }
          return answers.plan();
        },
      });
      const child = spawn(
        'node',
        ['--import', 'tsx', 'test/fixtures/scripts/agent-crash-worker.ts', testDb.url!, repo.dir, model.url, 'tool-crash-run'],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      try {
        await Promise.race([
          third,
          new Promise((_resolve, reject) => child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)))),
        ]);
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      } finally {
        releaseHeld(answers.plan());
      }
      const h = harness();
      const before = await h.ledger.readEvents('tool-crash-run');
      expect(before.filter((event) => event.type === 'tool.call')).toHaveLength(2);

      const outcome = await h.run('tool-crash-run');
      expect(outcome).toMatchObject({ status: 'completed', resumed: true });
      expect(outcome.state.approval?.verdict).toBe('ready');
      // Three planner requests reached the model before the kill; the resumed planner asked only the third again.
      const planner = bodies('planner');
      expect(planner).toHaveLength(4);
      expect(toolResults(planner[3]!).map((message) => message.tool_call_id)).toEqual(['r_1', 's_1']);
      const events = await h.ledger.readEvents('tool-crash-run');
      expect(events.filter((event) => event.type === 'tool.call')).toHaveLength(2);
      const plannerCalls2 = events.filter(
        (event) => event.type === 'model.call' && (event.payload as { task: string }).task === 'planning',
      );
      expect(plannerCalls2).toHaveLength(3);
      const replay = await replayRun({
        runId: 'tool-crash-run',
        ledger: h.ledger,
        workspace: h.workspace(),
        logger: captureLogger().logger,
      });
      expect(replay.matches).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
