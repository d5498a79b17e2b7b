import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, reply } from '../helpers/agent-fixture.ts';
import { createGitTestRepo, type GitTestRepo } from '../helpers/git-test-repo.ts';
import { startOpenAiDouble } from '../helpers/openai-double.ts';
import { requireBackend } from '../helpers/require-backend.ts';
import { createPostgresTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const AOS = path.join(PROJECT_ROOT, 'bin/aos.mjs');
const FIXED = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const CHILD_TIMEOUT_MS = 90_000;

type Reply = ReturnType<typeof reply>;
interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `aos …` as a child process with only the given backends, keys and endpoints. */
function aos(args: string[], env: Record<string, string>, cwd = PROJECT_ROOT): Promise<Result> {
  const base: NodeJS.ProcessEnv = { ...process.env, AOS_CONFIG_DIR: PROJECT_ROOT };
  for (const name of [
    'OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
    'OPENAI_BASE_URL',
    'ANTHROPIC_BASE_URL',
    'AOS_LOCAL_LLM_URL',
    'DATABASE_URL',
    'REDIS_URL',
    'LOG_LEVEL',
  ])
    delete base[name];
  return new Promise((resolve) => {
    execFile(process.execPath, [AOS, ...args], { cwd, env: { ...base, ...env }, timeout: CHILD_TIMEOUT_MS }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const happyScript = (): Reply[] => [
  reply(answers.plan()),
  reply(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }])),
  reply(answers.critic('pass')),
  reply(answers.acceptance()),
];

/**
 * The scripted local model. `GET /models` (the CLI's reachability probe) is answered without using
 * the script; chat completions take the next scripted answer, and one beyond the script gets a 400.
 */
async function scriptedModel() {
  let script: Reply[] = [];
  let calls = 0;
  const double = await startOpenAiDouble((body) => {
    if (!Array.isArray(body.messages))
      return { status: 200, body: { object: 'list', data: [{ id: 'Qwen/Qwen2.5-Coder-32B-Instruct', object: 'model' }] } };
    const answer = script[calls] ?? { status: 400, body: { error: { message: `unscripted request ${calls + 1}` } } };
    calls += 1;
    return answer;
  });
  return {
    url: double.url,
    close: double.close,
    calls: () => calls,
    /** Chat completion bodies received, in order. */
    chats: () => double.requests.filter((body) => Array.isArray(body.messages)),
    /** Sets the answers of the next run; returns a function that tells how many it used. */
    script(steps: Reply[]) {
      script = [...Array<Reply | undefined>(calls).fill(undefined), ...steps] as Reply[];
      const before = calls;
      return () => calls - before;
    },
  };
}

function fixtureRepo(): GitTestRepo {
  const repo = createGitTestRepo();
  repo.write(FIXTURE_FILES);
  repo.commitAll('fixture');
  return repo;
}

const runIdOf = (stdout: string): string => /run ([0-9a-f-]{36})/.exec(stdout)?.[1] ?? '';

describe('aos plan, runs, replay and budget on the embedded database and a scripted local model', () => {
  let model: Awaited<ReturnType<typeof scriptedModel>>;
  let repo: GitTestRepo;
  let dataDir: string;
  let env: Record<string, string>;
  let firstRunId = '';

  beforeAll(async () => {
    model = await scriptedModel();
    repo = fixtureRepo();
    dataDir = mkdtempSync(path.join(tmpdir(), 'aos-cli-data-'));
    env = { AOS_DATA_DIR: dataDir, AOS_LOCAL_LLM_URL: model.url };
  });
  afterAll(async () => {
    await model?.close();
    repo?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'fixes the bug, prints critic and QA, and commits to a new aos/ branch without touching the working tree',
    { timeout: 120_000 },
    async () => {
      repo.write({ 'README.md': '# fixture\n\nA local edit that is not committed.\n' });
      repo.git(['add', 'README.md']);
      repo.write({ 'src/index.ts': '// unstaged\n' });
      const statusBefore = repo.git(['status', '--porcelain']);
      const headBefore = repo.git(['rev-parse', 'HEAD']).trim();
      const used = model.script(happyScript());

      const result = await aos(['plan', '--repo', repo.dir, 'fix add: add(2, 3) returns -1'], env);

      expect(result.stderr).not.toMatch(/"level":\s*[56]\d/);
      expect(result.code).toBe(0);
      expect(used()).toBe(4);
      expect(result.stdout).toContain('Plan: Make add() return the sum.');
      expect(result.stdout).toMatch(/src\/math\.ts \|\s+2 \+-/);
      expect(result.stdout).toContain('Critic: pass — Correct and complete.');
      expect(result.stdout).toContain('✅ edits applied — 1 file(s) changed');
      expect(result.stdout).toContain('✅ acceptance: add(2, 3) returns 5 — src/math.ts line 2 returns a + b');
      expect(result.stdout).toContain('Approver: ready');
      expect(result.stderr).toMatch(/^planner ✓ \d+\.\d s €\d+\.\d{4}/m);
      expect(result.stderr).toMatch(/^approver ✓ /m);

      const committed = /committed ([0-9a-f]{40}) to (aos\/fix-add-add-2-3-returns-1-[0-9a-f]{4})$/m.exec(result.stdout);
      expect(committed).not.toBeNull();
      const [, sha, branch] = committed!;
      expect(repo.git(['rev-parse', branch!]).trim()).toBe(sha);
      expect(repo.git(['show', `${branch}:src/math.ts`])).toBe(FIXED);
      expect(repo.git(['rev-parse', `${branch}^`]).trim()).toBe(headBefore);
      // The user's checkout: same HEAD, same branch, same staged and unstaged edits.
      expect(repo.git(['rev-parse', 'HEAD']).trim()).toBe(headBefore);
      expect(repo.git(['symbolic-ref', '--short', 'HEAD']).trim()).toBe('main');
      expect(repo.git(['status', '--porcelain'])).toBe(statusBefore);
      expect(repo.git(['worktree', 'list']).trim().split('\n')).toHaveLength(1);
      firstRunId = runIdOf(result.stdout);
      expect(firstRunId).not.toBe('');
    },
  );

  it('lists the run with its base commit, verdict and branch', { timeout: 60_000 }, async () => {
    const result = await aos(['runs', 'list', '--json'], env);
    expect(result.code).toBe(0);
    const { runs } = JSON.parse(result.stdout) as {
      runs: Array<{ id: string; kind: string; status: string; verdict: string; baseSha: string; branch: string; repo: string }>;
    };
    const run = runs.find((candidate) => candidate.id === firstRunId);
    expect(run).toMatchObject({
      kind: 'local',
      status: 'completed',
      verdict: 'ready',
      baseSha: repo.git(['rev-parse', 'HEAD']).trim(),
      repo: repo.dir,
    });
    expect(run?.branch).toMatch(/^aos\/fix-add-/);

    const shown = await aos(['runs', 'show', firstRunId, '--json'], env);
    expect(shown.code).toBe(0);
    const detail = JSON.parse(shown.stdout) as { run: { id: string }; ledger: { events: number; verified: boolean } };
    expect(detail.run.id).toBe(firstRunId);
    expect(detail.ledger.verified).toBe(true);
    // run.started, 5 × node.completed, 4 × model.call, run.completed
    expect(detail.ledger.events).toBe(11);
  });

  it('replays the run from its ledger without calling the model, and the hashes match', { timeout: 60_000 }, async () => {
    const before = model.calls();
    const result = await aos(['replay', firstRunId], env, repo.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^replay matches: final state hash [0-9a-f]{64} \(4 model call\(s\) replayed/m);
    expect(model.calls()).toBe(before);

    const unknown = await aos(['replay', 'no-such-run', '--repo', repo.dir], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no run with id "no-such-run"');
  });

  it('shows the budget as JSON with the caps of phase 1', { timeout: 60_000 }, async () => {
    const result = await aos(['budget', '--json'], env);
    expect(result.code).toBe(0);
    const budget = JSON.parse(result.stdout) as {
      phase: string;
      caps: Array<{ period: string; cap: number; spent: number; remaining: number; resets_at: string }>;
      forecast: { projected_month_end: number };
      alerts: unknown[];
    };
    expect(budget.phase).toBe(1);
    expect(budget.caps.map((cap) => [cap.period, cap.cap])).toEqual([
      ['day', 450],
      ['month', 12000],
    ]);
    // The local model is priced at 0: nothing spent, everything left.
    expect(budget.caps.every((cap) => cap.spent === 0 && cap.remaining === cap.cap && !Number.isNaN(Date.parse(cap.resets_at)))).toBe(true);
    expect(budget.forecast.projected_month_end).toBe(0);
    expect(budget.alerts).toEqual([]);
  });

  it('--dry-run makes one model call and creates no branch', { timeout: 60_000 }, async () => {
    const branchesBefore = repo.git(['branch', '--list', 'aos/*']);
    const used = model.script([reply(answers.plan())]);
    const result = await aos(['plan', '--repo', repo.dir, '--dry-run', 'fix add'], env);
    expect(result.code).toBe(0);
    expect(used()).toBe(1);
    expect(result.stdout).toContain('Plan: Make add() return the sum.');
    expect(result.stdout).toContain('(1 model call)');
    expect(result.stdout).not.toContain('committed');
    expect(repo.git(['branch', '--list', 'aos/*'])).toBe(branchesBefore);
  });

  it(
    'offers the planner read_file, search and list_dir by default, and no tools with --max-tool-calls 0',
    { timeout: 90_000 },
    async () => {
      const toolNames = () =>
        ((model.chats().at(-1)!.tools ?? []) as Array<{ function: { name: string } }>).map((tool) => tool.function.name);
      model.script([reply(answers.plan())]);
      expect((await aos(['plan', '--repo', repo.dir, '--dry-run', 'fix add'], env)).code).toBe(0);
      expect(toolNames()).toEqual(['read_file', 'search', 'list_dir']);
      model.script([reply(answers.plan())]);
      expect((await aos(['plan', '--repo', repo.dir, '--dry-run', '--max-tool-calls', '0', 'fix add'], env)).code).toBe(0);
      expect(toolNames()).toEqual([]);
      const refused = await aos(['plan', '--repo', repo.dir, '--max-tool-calls', '-1', 'fix add'], env);
      expect(refused.code).toBe(2);
    },
  );

  it('exits 1 with --json when the critic still asks for changes, and lists its findings', { timeout: 60_000 }, async () => {
    const used = model.script([
      reply(answers.plan()),
      reply(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return b + a;' }])),
      reply(answers.critic('revise', [{ path: 'src/math.ts', line: 2, severity: 'major', message: 'Keep the operand order: a + b.' }])),
      reply(answers.acceptance(false)),
    ]);
    const result = await aos(['plan', '--repo', repo.dir, '--max-iterations', '0', '--json', 'fix add'], env);
    expect(result.code).toBe(1);
    expect(used()).toBe(4);
    const report = JSON.parse(result.stdout) as {
      verdict: string;
      critic: { verdict: string; findings: Array<{ path: string; line: number; message: string }> };
      qa: { passed: boolean };
      approval: { reasons: string[] };
      branch: string | null;
    };
    expect(report.verdict).toBe('needs-work');
    expect(report.critic.findings).toEqual([
      { path: 'src/math.ts', line: 2, severity: 'major', message: 'Keep the operand order: a + b.' },
    ]);
    expect(report.qa.passed).toBe(false);
    expect(report.approval.reasons).toContain('src/math.ts:2 [major] Keep the operand order: a + b.');
    expect(report.branch).toMatch(/^aos\/fix-add-[0-9a-f]{4}$/);
  });

  it('--test-cmd runs the command on the change in a temporary worktree and reports it as a QA check', { timeout: 90_000 }, async () => {
    const used = model.script(happyScript());
    const result = await aos(
      ['plan', '--repo', repo.dir, '--test-cmd', 'grep -c "a + b" src/math.ts && test ! -e .git/index', 'fix add with tests'],
      env,
    );
    expect(result.code).toBe(0);
    expect(used()).toBe(4);
    expect(result.stdout).toMatch(/✅ test command — 1$/m);
    expect(repo.git(['worktree', 'list']).trim().split('\n')).toHaveLength(1);

    const failing = model.script(happyScript());
    const failed = await aos(
      ['plan', '--repo', repo.dir, '--test-cmd', 'echo "1 test failed" >&2; exit 3', 'fix add with failing tests'],
      env,
    );
    expect(failing()).toBe(4);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('❌ test command — 1 test failed');
    expect(failed.stdout).toContain('Approver: needs-work');
  });

  it('--explain-context --json prints the ranked context and calls no model', { timeout: 60_000 }, async () => {
    const before = model.calls();
    const result = await aos(['plan', '--repo', repo.dir, '--explain-context', '--json', 'add() subtracts in src/math.ts'], env);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { included: string[]; ranked: Array<{ path: string }> };
    expect(report.included).toContain('src/math.ts');
    expect(report.ranked[0]?.path).toBe('src/math.ts');
    expect(model.calls()).toBe(before);
  });

  it('exits 2 naming the variables to set when no provider is configured, before any model call', { timeout: 60_000 }, async () => {
    const port = await closedPort();
    const result = await aos(['plan', '--repo', repo.dir, 'fix add'], {
      AOS_DATA_DIR: dataDir,
      AOS_LOCAL_LLM_URL: `http://127.0.0.1:${port}/v1`,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no model provider is available');
    expect(result.stderr).toMatch(/OPENAI_API_KEY .*EU endpoint https:\/\/eu\.api\.openai\.com\/v1/);
    expect(result.stderr).toMatch(/ANTHROPIC_API_KEY .*blocked by EU residency unless ANTHROPIC_BASE_URL is an EU host/);
    expect(result.stderr).toMatch(new RegExp(`AOS_LOCAL_LLM_URL .*OpenAI-compatible server.*127\\.0\\.0\\.1:${port}/v1/models`));
    expect(result.stdout).toBe('');
  });

  it.each([
    [['plan', '--repo', '<plain>', 'fix add'], 'is not a git repository'],
    [['plan', '--repo', '<repo>'], 'missing task'],
    [['plan', '--repo', '<repo>', '--max-iterations', 'many', 'fix add'], '--max-iterations must be a whole number'],
    [['plan', '--repo', '<repo>', '--budget-eur=-1', 'fix add'], '--budget-eur must be a positive number'],
    [['runs', 'show'], 'missing run id'],
    [['runs', 'list', '--limit', '0'], '--limit must be a whole number'],
  ])('exits 2 for bad usage %j', { timeout: 60_000 }, async (args, message) => {
    const plain = mkdtempSync(path.join(tmpdir(), 'aos-plain-'));
    try {
      const result = await aos(
        args.map((arg) => (arg === '<plain>' ? plain : arg === '<repo>' ? repo.dir : arg)),
        env,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it.each(['plan', 'runs', 'replay', 'budget'])('aos %s --help exits 0 and shows the usage', { timeout: 60_000 }, async (name) => {
    const result = await aos([name, '--help'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: aos ${name}`);
  });
});

const postgresUrl = requireBackend('postgres');

describe.skipIf(!postgresUrl)('aos plan and aos replay on PostgreSQL (DATABASE_URL)', () => {
  let model: Awaited<ReturnType<typeof scriptedModel>>;
  let repo: GitTestRepo;
  let database: TestDatabase;

  beforeAll(async () => {
    model = await scriptedModel();
    repo = fixtureRepo();
    database = await createPostgresTestDatabase(postgresUrl!);
  });
  afterAll(async () => {
    await model?.close();
    repo?.remove();
    await database?.drop();
  });

  it('records the run in PostgreSQL, commits the fix, and replays it', { timeout: 120_000 }, async () => {
    const env = { DATABASE_URL: database.url!, AOS_LOCAL_LLM_URL: model.url, AOS_DATA_DIR: path.join(tmpdir(), 'aos-unused') };
    const used = model.script(happyScript());
    const result = await aos(['plan', '--repo', repo.dir, 'fix add'], env);
    expect(result.code).toBe(0);
    expect(used()).toBe(4);
    const runId = runIdOf(result.stdout);
    const row = (await database.db.knex('runs').where({ id: runId }).first()) as {
      status: string;
      verdict: string;
      base_sha: string;
      branch: string;
    };
    expect(row).toMatchObject({ status: 'completed', verdict: 'ready', base_sha: repo.git(['rev-parse', 'HEAD']).trim() });
    expect(repo.git(['show', `${row.branch}:src/math.ts`])).toBe(FIXED);

    const replay = await aos(['replay', runId, '--repo', repo.dir, '--json'], env);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ run_id: runId, matches: true, model_calls_replayed: 4 });
  });
});
