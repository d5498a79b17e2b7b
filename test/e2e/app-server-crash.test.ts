import { rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, FIXTURE_TASK, reply } from '../helpers/agent-fixture.ts';
import { startGithubDouble, type GithubDouble } from '../helpers/github-double/index.ts';
import { sendWebhook } from '../helpers/sign-webhook.ts';
import { generateAppKey, startAosServer, type AosServer } from '../helpers/start-aos-server.ts';

// A whole scenario with child processes or many round trips; generous so a busy 2-core machine cannot fail it.
const SCENARIO_TIMEOUT_MS = 240_000;

const SECRET = 'e2e-crash-secret';
const REPO = 'octo/fixture';
const WRITER = 'alice';

type Node = 'planner' | 'coder' | 'critic' | 'qa' | 'unknown';
const nodeOf = (body: Record<string, unknown>): Node => {
  const system = String(
    ((body.messages ?? []) as Array<{ role: string; content: unknown }>).find((message) => message.role === 'system')?.content ?? '',
  );
  return system.startsWith('You are the planner')
    ? 'planner'
    : system.startsWith('You are the coder')
      ? 'coder'
      : system.startsWith('You are the critic')
        ? 'critic'
        : system.startsWith('You are the QA')
          ? 'qa'
          : 'unknown';
};
const SCRIPT: Record<Node, { status: number; body: unknown }> = {
  planner: reply(answers.plan()),
  coder: reply(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }])),
  critic: reply(answers.critic('pass')),
  qa: reply(answers.acceptance()),
  unknown: { status: 400, body: { error: { message: 'unscripted model request' } } },
};

/**
 * The scripted model, except that the first coder request is held without an answer: the test
 * kills the server while the coder waits, as a crash in the middle of a paid call would.
 */
async function startHoldingModel() {
  const calls: Node[] = [];
  let arrived: () => void = () => undefined;
  const coderArrived = new Promise<void>((resolve) => (arrived = resolve));
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const node = nodeOf(JSON.parse(text || '{}') as Record<string, unknown>);
      calls.push(node);
      if (node === 'coder' && calls.filter((call) => call === 'coder').length === 1) {
        held.push(res);
        arrived();
        return;
      }
      const answer = SCRIPT[node];
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    coderArrived,
    close: () =>
      new Promise<void>((resolve) => {
        held.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the app server killed with SIGKILL in the middle of a run', () => {
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startHoldingModel>>;
  let first: AosServer | undefined;
  let second: AosServer | undefined;
  let third: AosServer | undefined;
  const key = generateAppKey();

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
      app: { id: 1, publicKey: key.publicKey },
    });
    model = await startHoldingModel();
  });

  afterAll(async () => {
    await first?.kill('SIGKILL');
    await second?.kill('SIGKILL');
    await third?.stop();
    if (first) rmSync(first.dataDir, { recursive: true, force: true });
    await Promise.all([github?.close(), model?.close()]);
  });

  it(
    'resumes after a restart on the same data, and again when killed while it waits for CI: one pull request, one status comment',
    async () => {
      const options = { githubHost: github.host, modelUrl: model.url, privateKey: key.privateKey, webhookSecret: SECRET };
      first = await startAosServer(options);
      const repo = github.repo(REPO);
      const comment = github.addComment(REPO, 1, { body: '/aos plan', user: WRITER });
      const body = github.issueCommentCreated(REPO, comment, 42);
      expect(
        (await sendWebhook({ url: first.webhookUrl, secret: SECRET, event: 'issue_comment', id: 'crash-delivery-1', payload: body }))
          .status,
      ).toBe(200);

      await model.coderArrived;
      const killed = await first.kill('SIGKILL');
      expect(killed.signal).toBe('SIGKILL');
      expect(repo.pulls).toHaveLength(0);
      const statusBefore = repo.comments.filter((candidate) => candidate.body.includes('<!-- aos:run:'));
      expect(statusBefore).toHaveLength(1);

      second = await startAosServer({ ...options, dataDir: first.dataDir });
      const reactions = () =>
        github.state.reactions.filter((reaction) => reaction.commentId === comment.id).map((reaction) => reaction.content);
      // The resumed run opens its pull request and waits for the repository's CI on it.
      await github.until(
        'the resumed run to wait for CI',
        () => repo.comments.some((candidate) => candidate.body.includes("waiting for the repository's CI")),
        120_000,
      );
      expect(second.logs()).toContain('resuming 1 interrupted run(s)');
      expect(reactions()).toEqual(['eyes']);
      const agentCheck = repo.checkRuns.find((run) => run.name === 'aos / agent')!;
      expect(agentCheck.status).toBe('in_progress');

      // Killed again while it waits: the wait is a state of the run, not a sleeping process.
      expect((await second.kill('SIGKILL')).signal).toBe('SIGKILL');
      third = await startAosServer({ ...options, dataDir: first.dataDir });
      await github.until(
        'the third server to take the waiting run on',
        () => third!.logs().includes('resuming 1 interrupted run(s)'),
        120_000,
      );
      const suite = github.completeCi(REPO, agentCheck.head_sha, [{ name: 'test', conclusion: 'success' }], 42);
      expect(
        (await sendWebhook({ url: third.webhookUrl, secret: SECRET, event: 'check_suite', id: 'crash-ci-1', payload: suite })).status,
      ).toBe(200);
      await github.until(
        'the resumed run to finish',
        () => reactions().some((content) => content === 'rocket' || content === 'confused'),
        120_000,
      );
      expect(reactions(), third.logs()).toEqual(['eyes', 'rocket']);

      // Exactly one pull request, one aos branch, one status comment: the same one, edited on.
      expect(repo.pulls).toHaveLength(1);
      expect(Object.keys(repo.branches).filter((name) => name.startsWith('aos/'))).toHaveLength(1);
      const status = repo.comments.filter((candidate) => candidate.body.includes('<!-- aos:run:'));
      expect(status).toHaveLength(1);
      expect(status[0]!.id).toBe(statusBefore[0]!.id);
      expect(status[0]!.body).toContain('🚀 **Run finished.**');
      expect(status[0]!.body).toMatch(/✅ aos's commit `[0-9a-f]{7}`: CI passed \(test\)/);
      expect(github.requests.filter((request) => request.method === 'POST' && request.path === `/repos/${REPO}/pulls`)).toHaveLength(1);
      expect(github.readFile(REPO, repo.pulls[0]!.head.ref, 'src/math.ts')).toContain('return a + b;');
      // One `aos / agent` check, concluded on the head CI passed on; labels follow.
      expect(repo.checkRuns.filter((run) => run.name === 'aos / agent')).toMatchObject([
        { id: agentCheck.id, head_sha: agentCheck.head_sha, status: 'completed', conclusion: 'success' },
      ]);
      expect(repo.issues.find((issue) => issue.number === repo.pulls[0]!.number)!.labels).toContain('aos:ready');

      // The planner ran once (its checkpoint survived the crash); the coder was asked again after the restart.
      expect(model.calls).toEqual(['planner', 'coder', 'coder', 'critic', 'qa']);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
