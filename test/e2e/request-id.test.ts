import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, FIXTURE_TASK, reply } from '../helpers/agent-fixture.ts';
import { startGithubDouble, type GithubDouble } from '../helpers/github-double/index.ts';
import { startOpenAiDouble } from '../helpers/openai-double.ts';
import { signWebhook } from '../helpers/sign-webhook.ts';
import { generateAppKey, startAosServer, type AosServer } from '../helpers/start-aos-server.ts';

// A child process on a busy 2-core machine: generous, and said what for.
const SCENARIO_TIMEOUT_MS = 240_000;
const SECRET = 'e2e-request-id-secret';
const KEY = generateAppKey();
const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fixtureModelAnswer(body: Record<string, unknown>) {
  const system = ((body.messages ?? []) as Array<{ role: string; content: unknown }>).find((message) => message.role === 'system')?.content;
  const who = String(system ?? '');
  if (who.startsWith('You are the planner')) return reply(answers.plan());
  if (who.startsWith('You are the coder'))
    return reply(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }]));
  if (who.startsWith('You are the critic')) return reply(answers.critic('pass'));
  if (who.startsWith('You are the QA')) return reply(answers.acceptance());
  return { status: 400, body: { error: { message: 'unscripted model request' } } };
}

type LogLine = Record<string, unknown> & { msg?: string; req?: { id?: string } };

describe('X-Request-Id on every answer of the app server, and correlation ids on its JSON log lines', () => {
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startOpenAiDouble>>;
  let server: AosServer;

  beforeAll(async () => {
    github = await startGithubDouble({
      repos: { [REPO]: { files: FIXTURE_FILES, issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }] } },
      collaborators: { [WRITER]: 'write' },
      app: { id: 1, publicKey: KEY.publicKey },
    });
    model = await startOpenAiDouble((body) => fixtureModelAnswer(body));
    server = await startAosServer({
      githubHost: github.host,
      modelUrl: model.url,
      privateKey: KEY.privateKey,
      webhookSecret: SECRET,
      env: { AOS_PUBLIC_URL: 'http://aos.e2e.test', AOS_RUN_LINK_SECRET: 'e2e-run-link-secret-of-at-least-32-bytes' },
    });
  }, SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
    await Promise.all([github?.close(), model?.close()]);
  });

  const logLines = (): LogLine[] =>
    server
      .logs()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  /** Probot's access log line of the request with this id; it is written once the answer is complete. */
  const accessLine = async (id: string) => {
    await github.until(`the access log line of request ${id}`, () => logLines().some((line) => line.req?.id === id), 60_000);
    return logLines().find((line) => line.req?.id === id)!;
  };
  const webhook = (event: string, id: string, payload: unknown, headers: Record<string, string> = {}, signature?: string) => {
    const body = JSON.stringify(payload);
    return fetch(server.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': id,
        'x-hub-signature-256': signature ?? signWebhook(SECRET, body),
        ...headers,
      },
      body,
    });
  };

  it('every endpoint answers with an X-Request-Id: its own when sane, a new one otherwise, and the access log names it', async () => {
    const answersOf = [
      ['GET', '/healthz', 200],
      ['GET', '/readyz', 200],
      ['GET', '/metrics', 200],
      ['GET', '/no/such/page', 404],
      ['GET', '/aos/runs', 403],
      ['GET', '/aos/api/runs/not-a-run', 403],
    ] as const;
    for (const [index, [method, path, status]] of answersOf.entries()) {
      const sent = `e2e-req-${index}.a:b_c`;
      const response = await fetch(`${server.url}${path}`, { method, headers: { 'x-request-id': sent } });
      expect([path, response.status]).toEqual([path, status]);
      expect([path, response.headers.get('x-request-id')]).toEqual([path, sent]);
      expect(await accessLine(sent)).toMatchObject({
        msg: expect.stringContaining(`${method} ${path} ${status}`),
        request_id: sent,
        correlation_id: sent,
      });
    }
    for (const unsafe of ['has spaces', 'x'.repeat(129), '<b>']) {
      const response = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': unsafe } });
      const id = response.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      expect((await accessLine(id)).msg).toContain('GET /healthz 200');
    }
    const none = await fetch(`${server.url}/metrics`);
    expect(none.headers.get('x-request-id')).toMatch(UUID);
  });

  it('webhook answers carry it too: a refused signature, a bad body, an ignored event', async () => {
    const badSignature = await webhook('issue_comment', 'e2e-bad-signature', { action: 'created' }, {}, 'sha256=' + '0'.repeat(64));
    expect(badSignature.status).toBeGreaterThanOrEqual(400);
    expect(badSignature.headers.get('x-request-id')).toMatch(UUID);
    // Its access line is correlated by the delivery id it came with.
    expect(await accessLine(badSignature.headers.get('x-request-id')!)).toMatchObject({ correlation_id: 'e2e-bad-signature' });
    const badBody = await fetch(server.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': 'e2e-bad-body',
        'x-request-id': 'e2e-bad-body-req',
      },
      body: '{not json',
    });
    expect(badBody.status).toBeGreaterThanOrEqual(400);
    expect(badBody.headers.get('x-request-id')).toBe('e2e-bad-body-req');
    const ignored = await webhook(
      'ping',
      'e2e-ping',
      { zen: 'Keep it logically awesome.', hook_id: 1 },
      { 'x-request-id': 'e2e-ping-req' },
    );
    expect(ignored.status).toBe(200);
    expect(ignored.headers.get('x-request-id')).toBe('e2e-ping-req');
    expect((await accessLine('e2e-ping-req')).msg).toContain('POST /api/github/webhooks 200');
  });

  it(
    'a /aos plan webhook: the ack carries the request id, and the delivery, job and run lines carry it and the correlation ids',
    async () => {
      const comment = github.addComment(REPO, 1, { body: '/aos plan', user: WRITER });
      const deliveryId = 'e2e-correlation-delivery';
      const ack = await webhook('issue_comment', deliveryId, github.issueCommentCreated(REPO, comment, INSTALLATION_ID), {
        'x-request-id': 'e2e-plan-req',
      });
      expect(ack.status).toBe(200);
      expect(ack.headers.get('x-request-id')).toBe('e2e-plan-req');
      expect((await accessLine('e2e-plan-req')).msg).toContain('POST /api/github/webhooks 200');
      await github.until(
        'the run to end with a reaction',
        () => github.state.reactions.some((reaction) => reaction.commentId === comment.id && reaction.content === 'rocket'),
        180_000,
      );
      await github.until('the job to finish', () =>
        logLines().some((line) => line.msg === 'job finished' && line.delivery_id === deliveryId),
      );

      const lines = logLines().filter((line) => line.delivery_id === deliveryId);
      const queued = lines.find((line) => line.msg === 'webhook queued');
      expect(queued).toMatchObject({ correlation_id: deliveryId, request_id: 'e2e-plan-req', event: 'issue_comment' });
      // Every line of the delivery, its job and its run names the request, and is under the delivery's or the run's id.
      expect(lines.filter((line) => line.request_id !== 'e2e-plan-req')).toEqual([]);
      const runId = lines.find((line) => line.msg === 'run started')?.run_id as string;
      expect(runId).toMatch(UUID);
      expect(lines.filter((line) => line.correlation_id !== deliveryId && line.correlation_id !== runId)).toEqual([]);
      const runLines = lines.filter((line) => line.run_id === runId);
      expect(
        runLines.every((line) => line.correlation_id === runId && line.installation_id === INSTALLATION_ID && line.repo === REPO),
      ).toBe(true);
      expect(runLines.filter((line) => line.msg === 'model call').map((line) => line.node)).toEqual(['planner', 'coder', 'critic', 'qa']);
      expect(runLines.filter((line) => line.msg === 'node completed').map((line) => line.node)).toEqual([
        'planner',
        'coder',
        'critic',
        'qa',
        'approver',
      ]);
      // Every line the server wrote from the webhook on carries a correlation id, Probot's access line of the webhook the delivery's.
      const all = logLines();
      const after = all.slice(
        Math.min(
          all.findIndex((line) => line.req?.id === 'e2e-plan-req'),
          all.findIndex((line) => line.msg === 'webhook queued' && line.delivery_id === deliveryId),
        ),
      );
      expect(after.length).toBeGreaterThan(15);
      expect(after.filter((line) => typeof line.correlation_id !== 'string')).toEqual([]);
      expect(all.find((line) => line.req?.id === 'e2e-plan-req')).toMatchObject({ request_id: 'e2e-plan-req', correlation_id: deliveryId });
    },
    SCENARIO_TIMEOUT_MS,
  );
});
