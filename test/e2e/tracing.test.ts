import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, FIXTURE_TASK, reply } from '../helpers/agent-fixture.ts';
import { startGithubDouble, type GithubDouble } from '../helpers/github-double/index.ts';
import { startOpenAiDouble } from '../helpers/openai-double.ts';
import { sendWebhook } from '../helpers/sign-webhook.ts';
import { startOtlpReceiver } from '../helpers/otlp-receiver.ts';
import { generateAppKey, startAosServer, type AosServer } from '../helpers/start-aos-server.ts';

const SCENARIO_TIMEOUT_MS = 240_000;
const SECRET = 'e2e-webhook-secret';
const KEY = generateAppKey();
const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
// The W3C trace context a proxy in front of aos would send.
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const RECORDER = path.resolve(import.meta.dirname, '../helpers/record-module-loads.mjs');

describe('tracing in the started server (npm start), exported over OTLP/HTTP to a local receiver', () => {
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startOpenAiDouble>>;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let scratch: string;
  const servers: AosServer[] = [];

  beforeAll(async () => {
    github = await startGithubDouble({
      repos: {
        [REPO]: {
          defaultBranch: 'main',
          files: FIXTURE_FILES,
          issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }],
        },
      },
      collaborators: { [WRITER]: 'write' },
      app: { id: 1, publicKey: KEY.publicKey },
    });
    model = await startOpenAiDouble(() => reply(answers.plan()));
    receiver = await startOtlpReceiver();
    scratch = mkdtempSync(path.join(tmpdir(), 'aos-e2e-tracing-'));
  }, SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    for (const server of servers) {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
    await Promise.all([github?.close(), model?.close(), receiver?.close()]);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** Starts the server with the module-load recorder; resolves with it and the file it records into. */
  const start = async (env: Record<string, string>) => {
    const moduleLog = path.join(scratch, `modules-${servers.length}.txt`);
    writeFileSync(moduleLog, '');
    const server = await startAosServer({
      githubHost: github.host,
      modelUrl: model.url,
      privateKey: KEY.privateKey,
      webhookSecret: SECRET,
      env: { NODE_OPTIONS: `--import=${RECORDER}`, AOS_TEST_MODULE_LOG: moduleLog, ...env },
    });
    servers.push(server);
    return { server, loaded: () => new Set(readFileSync(moduleLog, 'utf8').split('\n').filter(Boolean)) };
  };
  const planDryRun = (server: AosServer, id: string, headers: Record<string, string> = {}) => {
    const comment = github.addComment(REPO, 1, { body: '/aos plan --dry-run', user: WRITER });
    return sendWebhook({
      url: server.webhookUrl,
      secret: SECRET,
      event: 'issue_comment',
      id,
      payload: github.issueCommentCreated(REPO, comment, INSTALLATION_ID),
      headers,
    });
  };

  it(
    'with OTEL_EXPORTER_OTLP_ENDPOINT, exports the run as one trace continuing the incoming traceparent',
    async () => {
      const { server, loaded } = await start({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200' });
      const answer = await planDryRun(server, 'e2e-traced-delivery', { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` });
      expect(answer.status).toBe(200);
      await github.until('the run, its node and its model call exported to the receiver', () =>
        ['job command', 'run plan', 'node planner'].every((name) => receiver.spans.some((span) => span.name === name)),
      );
      const spans = receiver.spans.filter((span) => span.traceId === CALLER_TRACE);
      const delivery = spans.find((span) => span.name === 'webhook issue_comment.created');
      expect(delivery, JSON.stringify(receiver.spans.map((span) => [span.name, span.traceId]))).toBeDefined();
      expect(delivery!.parentSpanId).toBe(CALLER_SPAN);
      expect(delivery!.attributes['github.delivery_id']).toBe('e2e-traced-delivery');
      const named = (name: string) => spans.find((span) => span.name === name)!;
      expect(named('job command').parentSpanId).toBe(delivery!.spanId);
      expect(named('run plan').parentSpanId).toBe(named('job command').spanId);
      expect(named('node planner').parentSpanId).toBe(named('run plan').spanId);
      const chat = spans.find((span) => span.name.startsWith('chat '))!;
      expect(chat.parentSpanId).toBe(named('node planner').spanId);
      expect(chat.attributes).toMatchObject({ 'gen_ai.system': 'local', 'aos.residency.allowed': true, 'aos.residency.host': '127.0.0.1' });
      expect(typeof chat.attributes['gen_ai.usage.input_tokens']).toBe('number');
      expect(chat.attributes['gen_ai.prompt']).toBeUndefined();
      // The server's GitHub requests (Probot's Octokit class) are spans of the same trace.
      expect(spans.some((span) => span.name === 'GET /repos/{owner}/{repo}/collaborators/{username}/permission')).toBe(true);
      expect(new Set(receiver.spans.map((span) => span.service))).toEqual(new Set(['aos']));
      expect(receiver.paths.every((line) => line.startsWith('POST /v1/traces application/json'))).toBe(true);
      expect(loaded()).toContain('@opentelemetry/sdk-trace-node');
      expect(loaded()).toContain('@opentelemetry/exporter-trace-otlp-http');
      // Log lines written inside a span carry its ids; every one of them is in an exported trace.
      const lines = server
        .logs()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const exportedTraces = new Set(receiver.spans.map((span) => span.traceId));
      for (const line of lines.filter((entry) => entry.trace_id !== undefined)) expect(exportedTraces).toContain(line.trace_id);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'without OpenTelemetry variables, loads only the no-op API (no SDK, no exporter) and logs no trace fields',
    async () => {
      const before = receiver.spans.length;
      const rockets = () => github.state.reactions.filter((reaction) => reaction.content === 'rocket').length;
      const rocketsBefore = rockets();
      const { server, loaded } = await start({});
      const answer = await planDryRun(server, 'e2e-untraced-delivery', { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` });
      expect(answer.status).toBe(200);
      await github.until('the untraced dry run to end with its 🚀', () => rockets() > rocketsBefore);
      const modules = loaded();
      expect(modules).toContain('@opentelemetry/api');
      for (const sdk of [
        '@opentelemetry/sdk-trace-node',
        '@opentelemetry/sdk-trace-base',
        '@opentelemetry/exporter-trace-otlp-http',
        '@opentelemetry/resources',
      ])
        expect(modules).not.toContain(sdk);
      expect(server.logs()).not.toContain('"trace_id"');
      expect(receiver.spans.length).toBe(before);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it('with tracing off, nothing the server loads before it listens imports OpenTelemetry, not even the API', () => {
    const moduleLog = path.join(scratch, 'modules-before-listen.txt');
    writeFileSync(moduleLog, '');
    // What src/main.ts imports before it listens: its own imports, then importServer's.
    const beforeListen = [
      './src/config/index.ts',
      './src/observability/logger.ts',
      './src/observability/tracing/start-tracing.ts',
      './src/store/open-backends.ts',
      './src/store/create-memory-queue.ts',
      'probot',
      './src/app/create-aos-app.ts',
      './src/app/serve-while-starting.ts',
      './src/compose/github-octokit.ts',
    ];
    const script = `for (const m of ${JSON.stringify(beforeListen)}) await import(m);
const { startTracing } = await import('./src/observability/tracing/start-tracing.ts');
const { githubOctokit } = await import('./src/compose/github-octokit.ts');
const { tracingSettings } = await import('./src/config/index.ts');
await startTracing(tracingSettings({}));
await githubOctokit({});`;
    execFileSync(process.execPath, ['--import', 'tsx', `--import=${RECORDER}`, '--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, AOS_TEST_MODULE_LOG: moduleLog },
      stdio: 'pipe',
    });
    expect(readFileSync(moduleLog, 'utf8')).toBe('');
  });
});
