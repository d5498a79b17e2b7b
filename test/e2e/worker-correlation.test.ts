import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Probot, ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAosApp } from '#src/app/create-aos-app.ts';
import type { AosJob } from '#src/app/jobs/job-types.ts';
import { createRunStore } from '#src/state/run-store.ts';
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

// Child processes on a busy 2-core machine: generous, and each wait says what it waited for.
const SCENARIO_TIMEOUT_MS = 240_000;
const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
const DELIVERY = 'worker-correlation-delivery-1';
const REQUEST_ID = 'proxy-request-7';

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

type LogLine = Record<string, unknown>;

const pgUrl = requireBackend('postgres');
const redisAvailable = requireBackend('redis');

describe.skipIf(!pgUrl || !redisAvailable)('a job taken from BullMQ by a separate aos worker process', () => {
  let redis: OwnRedis;
  let testDb: TestDatabase;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startOpenAiDouble>>;
  let queue: JobQueue<AosJob>;
  let worker: ChildProcess;
  let workerExited: Promise<unknown>;
  const workerOutput: string[] = [];
  const workerLines = (): LogLine[] =>
    workerOutput
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);

  beforeAll(async () => {
    redis = await startOwnRedis();
    testDb = await createPostgresTestDatabase(pgUrl!);
    const key = generateAppKey();
    github = await startGithubDouble({
      repos: { [REPO]: { files: FIXTURE_FILES, issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }] } },
      collaborators: { [WRITER]: 'write' },
      app: { id: 1, publicKey: key.publicKey },
    });
    model = await startOpenAiDouble((body) => fixtureModelAnswer(body));
    worker = spawn(process.execPath, ['bin/aos.mjs', 'worker', '--concurrency', '1'], {
      cwd: PROJECT_ROOT,
      env: aosChildEnv({
        privateKey: key.privateKey,
        githubHost: github.host,
        modelUrl: model.url,
        extra: { REDIS_URL: redis.url, DATABASE_URL: testDb.url!, LOG_LEVEL: 'info' },
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk: Buffer) => workerOutput.push(chunk.toString('utf8')));
    worker.stderr!.on('data', (chunk: Buffer) => workerOutput.push(chunk.toString('utf8')));
    workerExited = new Promise((resolve) => worker.once('exit', resolve));
    await github.until('the worker to take jobs', () => workerOutput.join('').includes('aos worker: taking jobs'), 60_000);
  }, SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    await queue?.close();
    if (worker && worker.exitCode === null) {
      const timer = setTimeout(() => worker.kill('SIGKILL'), 10_000);
      worker.kill('SIGTERM');
      await workerExited;
      clearTimeout(timer);
    }
    await Promise.all([github?.close(), model?.close()]);
    await testDb?.drop();
    await redis?.kill();
  });

  it(
    "logs under the correlation id the receiving server's webhook handler logged, then under its run id",
    async () => {
      // The receiving side as the app server composes it, with only a producer on the queue: no job can run here.
      const received = captureLogger();
      queue = createBullmqQueue<AosJob>({ redisUrl: redis.url, logger: received.logger });
      const probot = new Probot({
        githubToken: 'unused',
        Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
        log: received.logger as never,
      });
      await probot.load(
        createAosApp({
          queue,
          runStore: createRunStore(testDb.db.knex),
          logger: received.logger,
          readiness: [],
          serveHttp: false,
          requestIdFor: (deliveryId) => (deliveryId === DELIVERY ? REQUEST_ID : undefined),
        }),
      );
      const comment = github.addComment(REPO, 1, { body: '/aos plan', user: WRITER });
      await probot.webhooks.receive({
        id: DELIVERY,
        name: 'issue_comment',
        payload: github.issueCommentCreated(REPO, comment, INSTALLATION_ID),
      } as never);

      const queued = received.lines.find((line) => line.msg === 'webhook queued');
      expect(queued).toMatchObject({ correlation_id: DELIVERY, request_id: REQUEST_ID });
      await github.until(
        'the worker to finish the job',
        () => workerLines().some((line) => line.msg === 'job finished' && line.delivery_id === DELIVERY),
        180_000,
      );

      const lines = workerLines();
      const started = lines.findIndex((line) => line.msg === 'job started');
      const finished = lines.findIndex((line) => line.msg === 'job finished');
      expect(lines[started]).toMatchObject({
        correlation_id: queued!.correlation_id,
        request_id: REQUEST_ID,
        installation_id: INSTALLATION_ID,
        repo: REPO,
      });
      expect(lines[finished]).toMatchObject({ correlation_id: queued!.correlation_id });
      const job = lines.slice(started, finished + 1);
      const runId = job.find((line) => line.msg === 'run started')?.run_id;
      expect(runId).toEqual(expect.any(String));
      // Every worker line of the job is under the delivery's correlation id or, inside the run, the run's.
      expect(job.filter((line) => line.correlation_id !== DELIVERY && line.correlation_id !== runId)).toEqual([]);
      expect(job.filter((line) => line.delivery_id !== DELIVERY || line.request_id !== REQUEST_ID)).toEqual([]);
      const runLines = job.filter((line) => line.correlation_id === runId);
      expect(runLines.every((line) => line.run_id === runId && line.installation_id === INSTALLATION_ID && line.repo === REPO)).toBe(true);
      expect(runLines.filter((line) => line.msg === 'model call').map((line) => line.node)).toEqual(['planner', 'coder', 'critic', 'qa']);
      expect(model.count()).toBe(4);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
