import { rmSync } from 'node:fs';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, FIXTURE_TASK } from '../../helpers/agent-fixture.ts';
import { appHarness, NPM_REGISTRY, OSV } from '../../helpers/app-harness.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { startGithubDouble, type GithubDouble } from '../../helpers/github-double/index.ts';
import { inMemoryTracing, printSpanTree, type SpanRecord } from '../../helpers/in-memory-tracing.ts';
import { pricedConfigDir } from '../../helpers/priced-config-dir.ts';
import { nockNpmMissing, osvQueryRequest } from '../../helpers/registry-nock.ts';
import { startScriptedModel } from '../../helpers/scripted-model.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { webhookExample } from '../../helpers/webhook-examples.ts';

const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
// A secret-looking string in the issue: with content on it must reach the span redacted, as in logs.
const TOKEN = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
const SPAN_KIND_CLIENT = 2;

const byName = (spans: SpanRecord[], name: string) => spans.filter((span) => span.name === name);
const only = (spans: SpanRecord[], name: string) => {
  const found = byName(spans, name);
  expect(found, `exactly one span ${name}`).toHaveLength(1);
  return found[0]!;
};

describe('tracing a /aos plan run through the app (GitHub double, scripted model, in-memory span exporter)', () => {
  let testDb: TestDatabase;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let configDir: string;
  let tracing: Awaited<ReturnType<typeof inMemoryTracing>>;

  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    github = await startGithubDouble({
      repos: {
        [REPO]: {
          files: FIXTURE_FILES,
          issues: [
            { title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER },
            { title: FIXTURE_TASK.title, body: `${FIXTURE_TASK.body} Our key is ${TOKEN}.`, user: WRITER },
            { title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER },
          ],
        },
      },
      collaborators: { [WRITER]: 'write' },
    });
    github.state.tokens.set('test-token', INSTALLATION_ID);
    model = await startScriptedModel();
    configDir = pricedConfigDir();
    tracing = await inMemoryTracing();
  });

  afterAll(async () => {
    // The global provider goes back to the no-op API, whatever happened, before the next file in this worker.
    await tracing?.stop();
    await Promise.all([github?.close(), model?.close()]);
    await testDb?.drop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  const plan = (issueNumber: number, body = '/aos plan') => {
    const written = github.addComment(REPO, issueNumber, { body, user: WRITER });
    return github.issueCommentCreated(REPO, written, INSTALLATION_ID) as unknown as Record<string, unknown>;
  };

  it('makes one trace of a run: delivery → job → run → nodes → model calls and GitHub requests, with the GenAI attributes', async () => {
    const harness = await appHarness({
      knex: testDb.db.knex,
      modelUrl: model.url,
      baseUrl: github.apiUrl,
      configDir,
      tracing: tracing.tracing,
      // The fixture has no CI: the run ends (needs-work, unverified) at its first look at CI, right after it pushed.
      ci: { graceMs: 0 },
    });
    const deliveryId = await harness.receive('issue_comment', plan(1));
    const spans = tracing.spans();

    const delivery = only(spans, 'webhook issue_comment.created');
    expect(delivery.attributes).toMatchObject({ 'github.delivery_id': deliveryId, 'github.repository': REPO });
    const trace = spans.filter((span) => span.traceId === delivery.traceId);
    const tree = printSpanTree(spans, delivery.traceId);
    const job = only(trace, 'job command');
    expect(job.parentSpanId, tree).toBe(delivery.spanId);
    const run = only(trace, 'run plan');
    expect(run.parentSpanId, tree).toBe(job.spanId);
    const [record] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture', issueNumber: 1, limit: 1 });
    expect(record!.status).toBe('completed');
    expect(run.attributes['aos.run_id']).toBe(record!.id);

    const nodes = trace.filter((span) => span.name.startsWith('node '));
    expect(nodes.map((span) => span.name)).toEqual(['node planner', 'node coder', 'node critic', 'node qa', 'node approver']);
    for (const node of nodes) expect(node.parentSpanId, tree).toBe(run.spanId);
    const nodeIds = new Set(nodes.map((span) => span.spanId));

    // Every model call the ledger recorded is a span under its node, carrying the same usage and cost.
    const calls = (await harness.agent.ledger.readEvents(record!.id))
      .filter((event) => event.type === 'model.call')
      .map(
        (event) => event.payload as { model: string; input_tokens: number; output_tokens: number; cost_eur: number; reserved_eur: number },
      );
    const chats = trace.filter((span) => span.name.startsWith('chat '));
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(chats).toHaveLength(calls.length);
    chats.forEach((chat, index) => {
      const call = calls[index]!;
      expect(nodeIds.has(chat.parentSpanId!), tree).toBe(true);
      expect(chat.name).toBe(`chat ${call.model}`);
      expect(chat.kind).toBe(SPAN_KIND_CLIENT);
      expect(chat.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.system': 'local',
        'gen_ai.request.model': call.model,
        'gen_ai.usage.input_tokens': call.input_tokens,
        'gen_ai.usage.output_tokens': call.output_tokens,
        'gen_ai.response.finish_reasons': ['stop'],
        'aos.cost_eur': call.cost_eur,
        'aos.budget.reserved_eur': call.reserved_eur,
        'aos.residency.allowed': true,
        'aos.residency.host': '127.0.0.1',
      });
      expect(call.reserved_eur).toBeGreaterThan(0);
      // No content unless AOS_TRACE_CONTENT says so.
      expect(chat.attributes['gen_ai.prompt']).toBeUndefined();
      expect(chat.attributes['gen_ai.completion']).toBeUndefined();
    });

    // GitHub requests made while a node ran are its children (the planner and coder read the repository).
    const githubSpans = trace.filter((span) => span.attributes['url.template'] !== undefined);
    const underNodes = githubSpans.filter((span) => nodeIds.has(span.parentSpanId!));
    expect(underNodes.length, tree).toBeGreaterThan(0);
    for (const span of githubSpans) {
      expect(span.name).toBe(`${String(span.attributes['http.request.method'])} ${String(span.attributes['url.template'])}`);
      expect(span.attributes['url.template']).not.toMatch(/octo|fixture/);
      expect(typeof span.attributes['http.response.status_code']).toBe('number');
    }
    // The pull request is opened from the job, after the graph: under the run span.
    expect(
      githubSpans.some((span) => span.name === 'POST /repos/{owner}/{repo}/pulls' && span.parentSpanId === run.spanId),
      tree,
    ).toBe(true);
    // Nothing of this run's work escaped into another trace.
    expect(
      spans
        .filter((span) => span.name.startsWith('chat ') || span.name.startsWith('node '))
        .every((span) => span.traceId === delivery.traceId),
    ).toBe(true);

    // A log line written inside a span names it: the redelivery of the same webhook is logged in its delivery span.
    await harness.receive('issue_comment', plan(1), deliveryId);
    const again = tracing.spans().filter((span) => span.name === 'webhook issue_comment.created' && span.spanId !== delivery.spanId);
    expect(again).toHaveLength(1);
    const duplicate = harness.logs.find((line) => line.msg === 'duplicate delivery ignored');
    expect(duplicate).toMatchObject({ delivery_id: deliveryId, trace_id: again[0]!.traceId, span_id: again[0]!.spanId });
    expect(
      tracing
        .spans()
        .filter((span) => span.traceId === again[0]!.traceId)
        .map((span) => span.name),
    ).toEqual(['webhook issue_comment.created']);
    console.log(`span tree of one /aos plan run:\n${tree}`);
  });

  it('keeps a run that waits for CI in one trace: the failing CI, its ci-fix pass and the green CI after it', async () => {
    const harness = await appHarness({
      knex: testDb.db.knex,
      modelUrl: model.url,
      baseUrl: github.apiUrl,
      configDir,
      tracing: tracing.tracing,
    });
    try {
      model.reset();
      await harness.receive('issue_comment', plan(3));
      const [waiting] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture', issueNumber: 3, limit: 1 });
      expect(waiting).toMatchObject({ status: 'running', ci: { phase: 'waiting', pass: 0 } });
      const runSpan = tracing.spans().find((span) => span.name === 'run plan' && span.attributes['aos.run_id'] === waiting!.id)!;
      expect(runSpan).toBeDefined();

      // CI fails: the look at it, woken by another delivery, and the ci-fix pass it starts are the run's trace.
      model.script({
        coder: () => answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a + b;', replace: 'return b + a;' }]),
      });
      const failed = github.completeCi(
        REPO,
        waiting!.headSha!,
        [
          {
            name: 'test',
            conclusion: 'failure',
            title: '1 test failed',
            summary: 'vitest: 1 failed',
            annotations: [
              { path: 'src/math.ts', start_line: 2, end_line: 2, annotation_level: 'failure', message: 'expected add(2, 3) to be 5' },
            ],
          },
        ],
        INSTALLATION_ID,
      );
      const failedDelivery = await harness.receive('check_suite', failed as unknown as Record<string, unknown>);
      const fixing = await harness.agent.runStore.getRun(waiting!.id);
      expect(fixing!.ci).toMatchObject({ phase: 'waiting', pass: 1 });
      const passed = github.completeCi(REPO, fixing!.headSha!, [{ name: 'test', conclusion: 'success' }], INSTALLATION_ID);
      await harness.receive('check_suite', passed as unknown as Record<string, unknown>);
      expect((await harness.agent.runStore.getRun(waiting!.id))!.status).toBe('completed');

      const spans = tracing.spans();
      const tree = printSpanTree(spans, runSpan.traceId);
      const looks = spans.filter((span) => span.name === 'run ci-webhook' && span.attributes['aos.run_id'] === waiting!.id);
      expect(looks, tree).toHaveLength(2);
      for (const look of looks) {
        expect(look.traceId, tree).toBe(runSpan.traceId);
        // Linked to the job of the delivery that woke the run, which has a trace of its own.
        expect(look.links).toHaveLength(1);
        const waker = spans.find((span) => span.spanId === look.links[0]!.spanId)!;
        expect(waker.name).toBe('job ci-result');
        expect(waker.traceId).not.toBe(runSpan.traceId);
      }
      const wakers = spans.filter((span) => span.name === 'webhook check_suite.completed');
      expect(wakers.some((span) => span.attributes['github.delivery_id'] === failedDelivery)).toBe(true);
      // The ci-fix pass's nodes and model calls hang under the first look, in the run's trace.
      const [first] = looks.sort((a, b) => a.startTime - b.startTime);
      const fixNodes = spans.filter(
        (span) => span.name.startsWith('node ') && span.traceId === runSpan.traceId && span.parentSpanId !== runSpan.spanId,
      );
      expect(
        fixNodes.map((span) => span.name),
        tree,
      ).toEqual(['node coder', 'node critic', 'node qa', 'node approver']);
      const fixNodeIds = new Set(fixNodes.map((span) => span.spanId));
      expect(spans.filter((span) => span.name.startsWith('chat ') && fixNodeIds.has(span.parentSpanId!))).toHaveLength(3);
      const ancestors = (span: SpanRecord): string[] => {
        const parent = spans.find((candidate) => candidate.spanId === span.parentSpanId);
        return parent ? [parent.spanId, ...ancestors(parent)] : [];
      };
      for (const node of fixNodes) expect(ancestors(node), tree).toContain(first!.spanId);
    } finally {
      await harness.close();
    }
  });

  it('adds the prompt and the completion, redacted, only with AOS_TRACE_CONTENT', async () => {
    tracing.reset();
    const harness = await appHarness({
      knex: testDb.db.knex,
      modelUrl: model.url,
      baseUrl: github.apiUrl,
      configDir,
      traceContent: true,
      tracing: tracing.tracing,
    });
    await harness.receive('issue_comment', plan(2, '/aos plan --dry-run'));
    const chats = tracing.spans().filter((span) => span.name.startsWith('chat '));
    expect(chats.length).toBeGreaterThan(0);
    const prompt = String(chats[0]!.attributes['gen_ai.prompt']);
    expect(prompt).toContain(FIXTURE_TASK.title);
    expect(prompt).not.toContain(TOKEN);
    expect(prompt).toContain('[REDACTED]');
    expect(String(chats[0]!.attributes['gen_ai.completion'])).toContain('summary');
  });

  it('traces a package-reality check down to its registry requests', async () => {
    tracing.reset();
    const harness = await appHarness({ knex: testDb.db.knex, tracing: tracing.tracing });
    const API = 'https://api.github.com/repos/octo/fixture';
    const payload = webhookExample('pull_request', 'opened');
    payload.repository.name = 'fixture';
    payload.repository.owner.login = 'octo';
    payload.repository.full_name = REPO;
    payload.pull_request.number = 7;
    payload.pull_request.head.sha = 'a'.repeat(40);
    payload.pull_request.base.sha = 'b'.repeat(40);
    payload.installation = { id: INSTALLATION_ID };
    payload.number = 7;
    const head = '{\n  "name": "fixture",\n  "dependencies": {\n    "reqeusts-http-helper-ai": "^2.0.0"\n  }\n}\n';
    const base = '{\n  "name": "fixture"\n}\n';
    const file = (text: string, sha: string) => ({ type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64'), sha });
    nock(API).post('/check-runs').reply(201, { id: 502 });
    nock(API)
      .get('/pulls/7/files')
      .query(true)
      .reply(200, [{ filename: 'package.json', status: 'modified' }]);
    nock(API)
      .get('/contents/package.json')
      .query({ ref: 'a'.repeat(40) })
      .reply(200, file(head, 'h1'));
    nock(API)
      .get('/contents/package.json')
      .query({ ref: 'b'.repeat(40) })
      .reply(200, file(base, 'b1'));
    nockNpmMissing(NPM_REGISTRY, 'reqeusts-http-helper-ai');
    osvQueryRequest(OSV)
      .optionally()
      .reply(200, { results: [{}] });
    nock(API).patch('/check-runs/502').reply(200, { id: 502 });
    await harness.receive('pull_request', payload);

    const spans = tracing.spans();
    const delivery = only(spans, 'webhook pull_request.opened');
    const job = only(spans, 'job package-reality');
    expect(job.parentSpanId).toBe(delivery.spanId);
    const registry = only(spans, 'GET registry.test');
    expect(registry.traceId).toBe(delivery.traceId);
    expect(registry.kind).toBe(SPAN_KIND_CLIENT);
    expect(registry.attributes).toMatchObject({
      'http.request.method': 'GET',
      'server.address': 'registry.test',
      'url.full': 'https://registry.test/reqeusts-http-helper-ai',
      'http.response.status_code': 404,
      'aos.attempts': 1,
    });
    const printed = printSpanTree(spans, delivery.traceId);
    expect(printed).toContain('GET registry.test');
    console.log(`span tree of one package-reality check:\n${printed}`);
    expect(spans.filter((span) => span.traceId === delivery.traceId && span.name === 'POST /repos/{owner}/{repo}/check-runs')).toHaveLength(
      1,
    );
  });
});
