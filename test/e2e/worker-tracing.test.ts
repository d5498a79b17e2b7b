import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandJob } from '#src/app/jobs/job-types.ts';
import { createBullmqQueue } from '#src/store/create-bullmq-queue.ts';
import type { JobQueue } from '#src/store/job-queue.ts';
import { answers, FIXTURE_FILES, FIXTURE_TASK, reply } from '../helpers/agent-fixture.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { startGithubDouble, type GithubDouble } from '../helpers/github-double/index.ts';
import { startOpenAiDouble } from '../helpers/openai-double.ts';
import { startOtlpReceiver } from '../helpers/otlp-receiver.ts';
import { startOwnRedis, type OwnRedis } from '../helpers/redis-server.ts';
import { requireBackend } from '../helpers/require-backend.ts';
import { aosChildEnv, generateAppKey } from '../helpers/start-aos-server.ts';
import { createPostgresTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const SCENARIO_TIMEOUT_MS = 240_000;
const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const REPO = 'octo/fixture';
const WRITER = 'alice';
// The delivery span's context as the server's webhook handler puts it in the job data.
const DELIVERY_TRACE = '0af7651916cd43dd8448eb211c80319c';
const DELIVERY_SPAN = 'b7ad6b7169203331';

const pgUrl = requireBackend('postgres');
const redisAvailable = requireBackend('redis');

describe.skipIf(!pgUrl || !redisAvailable)('an aos worker process continues the trace of the job it takes from BullMQ', () => {
  let redis: OwnRedis;
  let testDb: TestDatabase;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startOpenAiDouble>>;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let queue: JobQueue<CommandJob>;
  let worker: ChildProcess | undefined;
  const output: string[] = [];
  let exited: Promise<unknown> = Promise.resolve();

  beforeAll(async () => {
    redis = await startOwnRedis();
    testDb = await createPostgresTestDatabase(pgUrl!);
    const key = generateAppKey();
    github = await startGithubDouble({
      repos: { [REPO]: { files: FIXTURE_FILES, issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }] } },
      collaborators: { [WRITER]: 'write' },
      app: { id: 1, publicKey: key.publicKey },
    });
    model = await startOpenAiDouble(() => reply(answers.plan()));
    receiver = await startOtlpReceiver();
    const env = aosChildEnv({
      privateKey: key.privateKey,
      githubHost: github.host,
      modelUrl: model.url,
      extra: { REDIS_URL: redis.url, DATABASE_URL: testDb.url!, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200' },
    });
    worker = spawn(process.execPath, ['bin/aos.mjs', 'worker'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    worker.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    worker.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    exited = new Promise((resolve) => worker!.once('exit', resolve));
    await github.until('aos worker to take jobs', () => output.join('').includes('aos worker: taking jobs'), 60_000);
    queue = createBullmqQueue<CommandJob>({ redisUrl: redis.url, logger: captureLogger().logger });
  }, SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    await queue?.close();
    if (worker && worker.exitCode === null) {
      const timer = setTimeout(() => worker!.kill('SIGKILL'), 10_000);
      worker.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    }
    await Promise.all([github?.close(), model?.close(), receiver?.close()]);
    await testDb?.drop();
    await redis?.kill();
  });

  it(
    "exports job → run → node → model call under the delivery span named by the job's traceparent",
    async () => {
      const comment = github.addComment(REPO, 1, { body: '/aos plan --dry-run', user: WRITER });
      await queue.enqueue(
        {
          type: 'command',
          deliveryId: 'worker-tracing-1',
          installationId: 42,
          owner: 'octo',
          repo: 'fixture',
          number: 1,
          isPullRequest: false,
          commentId: comment.id,
          commentKind: 'issue_comment',
          body: comment.body,
          sender: { login: WRITER, type: 'User' },
          traceparent: `00-${DELIVERY_TRACE}-${DELIVERY_SPAN}-01`,
        },
        'worker-tracing-1',
      );
      await github.until(
        'the worker to export its job, run and node spans',
        () => ['job command', 'run plan', 'node planner'].every((name) => receiver.spans.some((span) => span.name === name)),
        120_000,
      );
      const named = (name: string) => receiver.spans.find((span) => span.name === name)!;
      const job = named('job command');
      expect(job, output.join('').slice(-3000)).toMatchObject({ traceId: DELIVERY_TRACE, parentSpanId: DELIVERY_SPAN });
      expect(job.attributes['github.delivery_id']).toBe('worker-tracing-1');
      expect(named('run plan')).toMatchObject({ traceId: DELIVERY_TRACE, parentSpanId: job.spanId });
      expect(named('node planner')).toMatchObject({ traceId: DELIVERY_TRACE, parentSpanId: named('run plan').spanId });
      const chat = receiver.spans.find((span) => span.name.startsWith('chat '))!;
      expect(chat).toMatchObject({ traceId: DELIVERY_TRACE, parentSpanId: named('node planner').spanId });
      // The worker's GitHub requests (Probot's Octokit class built by githubOctokit) are in the same trace.
      expect(
        receiver.spans.some(
          (span) => span.traceId === DELIVERY_TRACE && span.name === 'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
        ),
      ).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
