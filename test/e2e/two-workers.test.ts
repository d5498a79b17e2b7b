import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CiResultJob, CommandJob } from '#src/app/jobs/job-types.ts';
import { createBullmqQueue } from '#src/store/create-bullmq-queue.ts';
import type { JobQueue } from '#src/store/job-queue.ts';
import { answers, FIXTURE_FILES, FIXTURE_TASK, reply } from '../helpers/agent-fixture.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { startGithubDouble, type GithubDouble } from '../helpers/github-double/index.ts';
import { startOpenAiDouble } from '../helpers/openai-double.ts';
import { startOwnRedis, type OwnRedis } from '../helpers/redis-server.ts';
import { requireBackend } from '../helpers/require-backend.ts';
import { aosChildEnv, generateAppKey } from '../helpers/start-aos-server.ts';
import { createPostgresTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

// A whole scenario with child processes or many round trips; generous so a busy 2-core machine cannot fail it.
const SCENARIO_TIMEOUT_MS = 240_000;

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const WRITER = 'alice';
const RUNS = 6;
/**
 * One issue in each of six repositories, each repository its own installation of the app. Probot's
 * throttle spaces the writes of one installation a second apart within a process; with one
 * installation six runs would take two workers about a minute of waiting, with six they overlap.
 */
const TARGETS = Array.from({ length: RUNS }, (_, index) => ({ owner: `octo-${index + 1}`, repo: 'fixture', installationId: 101 + index }));
const fullName = (target: (typeof TARGETS)[number]) => `${target.owner}/${target.repo}`;

/** The model's scripted answers, chosen by the node asking (its system prompt). */
function fixtureModelAnswer(body: Record<string, unknown>) {
  const system = String(
    ((body.messages ?? []) as Array<{ role: string; content: unknown }>).find((message) => message.role === 'system')?.content ?? '',
  );
  if (system.startsWith('You are the planner')) return reply(answers.plan());
  if (system.startsWith('You are the coder'))
    return reply(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }]));
  if (system.startsWith('You are the critic')) return reply(answers.critic('pass'));
  if (system.startsWith('You are the QA')) return reply(answers.acceptance());
  return { status: 400, body: { error: { message: 'unscripted model request' } } };
}

/** `aos worker` as a child process; its stderr is the JSON log. */
function startWorker(name: string, env: NodeJS.ProcessEnv) {
  // Three at a time each: the six runs start at once, and neither worker can take them all.
  const child: ChildProcess = spawn(process.execPath, ['bin/aos.mjs', 'worker', '--concurrency', '3'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const logs = () => output.join('');
  return {
    name,
    logs,
    async ready(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!logs().includes('aos worker: taking jobs')) {
        if (gone || Date.now() > deadline) throw new Error(`${name} did not start:\n${logs()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    /** The repositories whose status comment this worker created: the runs it carried out. */
    repositoriesServed() {
      const served = new Set<string>();
      for (const line of logs().split('\n')) {
        const match = /GitHub request: POST \S+\/api\/v3\/repos\/([^/]+\/[^/]+)\/issues\/1\/comments - 201/.exec(line);
        if (match) served.add(match[1]!);
      }
      return served;
    },
    async stop() {
      if (gone) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

const pgUrl = requireBackend('postgres');
const redisAvailable = requireBackend('redis');

describe.skipIf(!pgUrl || !redisAvailable)('two aos worker processes on one BullMQ queue', () => {
  let redis: OwnRedis;
  let testDb: TestDatabase;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startOpenAiDouble>>;
  let queue: JobQueue<CommandJob | CiResultJob>;
  const workers: Array<ReturnType<typeof startWorker>> = [];
  // One AOS_DATA_DIR for both workers, as two workers on one machine share it: its repo-cache too.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'aos-two-workers-'));

  beforeAll(async () => {
    redis = await startOwnRedis();
    testDb = await createPostgresTestDatabase(pgUrl!);
    const key = generateAppKey();
    github = await startGithubDouble({
      repos: Object.fromEntries(
        TARGETS.map((target) => [
          fullName(target),
          { files: FIXTURE_FILES, issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }] },
        ]),
      ),
      collaborators: { [WRITER]: 'write' },
      app: { id: 1, publicKey: key.publicKey },
    });
    model = await startOpenAiDouble((body) => fixtureModelAnswer(body));
    const env = aosChildEnv({
      privateKey: key.privateKey,
      githubHost: github.host,
      modelUrl: model.url,
      // Probot logs each GitHub request at debug level: that is how the test sees which worker did what.
      // Each wait also schedules a poll (a delayed job): at 1 s, the polls of runs the webhooks already ended run and find
      // nothing to do soon after, instead of keeping the queue busy for the default minute.
      extra: { REDIS_URL: redis.url, DATABASE_URL: testDb.url!, LOG_LEVEL: 'debug', AOS_DATA_DIR: dataDir, AOS_CI_POLL_SECONDS: '1' },
    });
    workers.push(startWorker('worker-1', env), startWorker('worker-2', env));
    await Promise.all(workers.map((worker) => worker.ready()));
    queue = createBullmqQueue<CommandJob | CiResultJob>({ redisUrl: redis.url, logger: captureLogger().logger });
  }, SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    await queue?.close();
    await Promise.all(workers.map((worker) => worker.stop()));
    await Promise.all([github?.close(), model?.close()]);
    await testDb?.drop();
    await redis?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('six /aos plan jobs (one enqueued twice): six runs, one pull request each, 24 model calls, both workers busy', async () => {
    const jobs = TARGETS.map((target, index): CommandJob => {
      const comment = github.addComment(fullName(target), 1, { body: '/aos plan', user: WRITER });
      return {
        type: 'command',
        deliveryId: `two-workers-${index + 1}`,
        installationId: target.installationId,
        owner: target.owner,
        repo: target.repo,
        number: 1,
        isPullRequest: false,
        commentId: comment.id,
        commentKind: 'issue_comment',
        body: comment.body,
        sender: { login: WRITER, type: 'User' },
      };
    });
    for (const job of jobs) await queue.enqueue(job, job.deliveryId);
    // The same delivery again: the job id is the delivery id, so BullMQ keeps one job.
    await queue.enqueue(jobs[0]!, jobs[0]!.deliveryId);

    const finished = async () =>
      (await testDb.db.knex('runs').whereNotIn('status', ['queued', 'running']).count<Array<{ count: string }>>('* as count'))[0]!.count;
    const deadline = Date.now() + 110_000;
    // A run is recorded as finished just before its job ends (the last reaction): wait for both.
    const idle = async () => {
      const depth = await queue.depth();
      return depth.waiting === 0 && depth.active === 0;
    };
    // Each run waits for the repository's CI on its commit: the CI passes, and its webhook's job goes on the queue.
    const completed = new Set<string>();
    const passWaitingCi = async () => {
      const waiting = (await testDb.db.knex('runs').where({ status: 'running' }).whereNotNull('ci')) as Array<{
        owner: string;
        repo: string;
        installation_id: string;
        ci: { phase: string; headSha: string } | string;
      }>;
      for (const run of waiting) {
        const ci = typeof run.ci === 'string' ? (JSON.parse(run.ci) as { phase: string; headSha: string }) : run.ci;
        if (ci.phase !== 'waiting' || completed.has(ci.headSha)) continue;
        completed.add(ci.headSha);
        github.completeCi(`${run.owner}/${run.repo}`, ci.headSha, [{ name: 'test', conclusion: 'success' }], Number(run.installation_id));
        const job: CiResultJob = {
          type: 'ci-result',
          deliveryId: `two-workers-ci-${ci.headSha}`,
          installationId: Number(run.installation_id),
          owner: run.owner,
          repo: run.repo,
          headSha: ci.headSha,
          source: 'webhook',
        };
        await queue.enqueue(job, job.deliveryId);
      }
    };
    while (Number(await finished()) < RUNS || !(await idle())) {
      await passWaitingCi();
      if (Date.now() > deadline)
        throw new Error(
          `runs did not finish in time:\n${workers.map((worker) => `--- ${worker.name}\n${worker.logs().slice(-4000)}`).join('\n')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const runs = (await testDb.db.knex('runs').select('owner', 'repo', 'issue_number', 'status', 'verdict', 'pr_number')) as Array<{
      owner: string;
      repo: string;
      issue_number: number;
      status: string;
      verdict: string | null;
      pr_number: number | null;
    }>;
    expect(runs, workers.map((worker) => worker.logs().slice(-3000)).join('\n')).toHaveLength(RUNS);
    expect(runs.every((run) => run.status === 'completed' && run.verdict === 'ready')).toBe(true);
    expect(runs.map((run) => `${run.owner}/${run.repo}#${run.issue_number}`).sort()).toEqual(
      TARGETS.map((target) => `${fullName(target)}#1`).sort(),
    );

    for (const target of TARGETS) {
      const repo = github.repo(fullName(target));
      expect(repo.pulls, fullName(target)).toHaveLength(1);
      expect(repo.pulls[0]!.head.ref).toMatch(/^aos\/issue-1-[\w-]+$/);
      expect(github.readFile(fullName(target), repo.pulls[0]!.head.ref, 'src/math.ts')).toContain('return a + b;');
      expect(runs.find((run) => run.owner === target.owner)!.pr_number).toBe(repo.pulls[0]!.number);
      expect(repo.comments.filter((comment) => comment.body.includes('<!-- aos:run:'))).toHaveLength(1);
    }

    // Each repository's tree was downloaded once into the shared cache, and no temp folder is left.
    expect(github.requests.filter((request) => request.path.includes('/tarball/'))).toHaveLength(RUNS);
    expect(readdirSync(path.join(dataDir, 'repo-cache')).sort()).toEqual(
      TARGETS.map((target) => `${target.owner}.${target.repo}.${github.repo(fullName(target)).branches.main}`).sort(),
    );

    expect(model.count()).toBe(RUNS * 4);
    expect(github.requests.filter((request) => request.unknown || request.status === 401)).toEqual([]);

    const served = workers.map((worker) => worker.repositoriesServed());
    expect(served[0]!.size, `worker-1 served ${[...served[0]!].join(', ')}`).toBeGreaterThanOrEqual(1);
    expect(served[1]!.size, `worker-2 served ${[...served[1]!].join(', ')}`).toBeGreaterThanOrEqual(1);
    expect([...served[0]!, ...served[1]!].sort()).toEqual(TARGETS.map(fullName).sort());
  }, 130_000);
});
