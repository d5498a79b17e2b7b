import { rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_PATHS } from '#src/app/http/run-pages/run-paths.ts';
import { signRunLink } from '#src/app/http/run-pages/sign-run-link.ts';
import { answers, FIXTURE_FILES, FIXTURE_TASK, reply } from '../helpers/agent-fixture.ts';
import { startGithubDouble, type DoubleRepo, type GithubDouble } from '../helpers/github-double/index.ts';
import { startOpenAiDouble } from '../helpers/openai-double.ts';
import { sendWebhook } from '../helpers/sign-webhook.ts';
import { generateAppKey, startAosServer, type AosServer } from '../helpers/start-aos-server.ts';

// A whole scenario with child processes or many round trips; generous so a busy 2-core machine cannot fail it.
const SCENARIO_TIMEOUT_MS = 240_000;

const SECRET = 'e2e-webhook-secret';
const KEY = generateAppKey();
const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
const READER = 'bob';
const IMAGINARY = 'aos-e2e-imaginary-package';
const LINK_SECRET = 'e2e-run-link-secret-of-at-least-32-bytes';

/** The model's scripted answers, chosen by the node asking (its system prompt), like agent-graph.test.ts. */
function fixtureModelAnswer(body: Record<string, unknown>) {
  const system = ((body.messages ?? []) as Array<{ role: string; content: unknown }>).find((message) => message.role === 'system')?.content;
  const who = String(system ?? '');
  if (who.startsWith('You are the planner')) return reply(answers.plan());
  if (who.startsWith('You are the coder'))
    return reply(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }]));
  if (who.startsWith('You are the critic'))
    return reply(
      answers.critic('pass', [{ path: 'src/math.ts', line: 2, severity: 'nit', message: 'Consider a unit test for add(2, 3).' }]),
    );
  if (who.startsWith('You are the QA')) return reply(answers.acceptance());
  return { status: 400, body: { error: { message: 'unscripted model request' } } };
}

/** npm registry and OSV doubles: every package is unknown (404) and nothing is vulnerable. */
async function startPackageSources() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const url = decodeURIComponent(req.url ?? '');
      seen.push(`${req.method} ${url}`);
      if (req.method === 'POST' && url === '/osv/v1/querybatch') {
        const queries = (JSON.parse(text) as { queries: unknown[] }).queries;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: queries.map(() => ({})) }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the app server as a child process, over HTTP, against a GitHub double', () => {
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startOpenAiDouble>>;
  let packages: Awaited<ReturnType<typeof startPackageSources>>;
  let server: AosServer;
  let repo: DoubleRepo;
  let deliveries = 0;
  const delivery = () => `e2e-delivery-${(deliveries += 1)}`;

  beforeAll(async () => {
    github = await startGithubDouble({
      repos: {
        [REPO]: {
          defaultBranch: 'main',
          files: FIXTURE_FILES,
          issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }],
        },
      },
      collaborators: { [WRITER]: 'write', [READER]: 'read' },
      app: { id: 1, publicKey: KEY.publicKey },
    });
    repo = github.repo(REPO);
    model = await startOpenAiDouble((body) => fixtureModelAnswer(body));
    packages = await startPackageSources();
    server = await startAosServer({
      githubHost: github.host,
      modelUrl: model.url,
      privateKey: KEY.privateKey,
      webhookSecret: SECRET,
      env: {
        AOS_NPM_REGISTRY: `${packages.url}/npm`,
        AOS_OSV_URL: `${packages.url}/osv`,
        AOS_PUBLIC_URL: 'http://aos.e2e.test',
        AOS_RUN_LINK_SECRET: LINK_SECRET,
      },
    });
  }, SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
    await Promise.all([github?.close(), model?.close(), packages?.close()]);
  });

  const send = (event: string, payload: unknown, id = delivery(), signature?: string) =>
    sendWebhook({ url: server.webhookUrl, secret: SECRET, event, id, payload, ...(signature ? { signature } : {}) });
  /** Whether a request path is about this issue or this comment. */
  const touches = (path: string, issueNumber: number, commentId: number) =>
    new RegExp(`/issues/${issueNumber}(/|$)|/comments/${commentId}(/|$)`).test(path);
  const botComments = (issueNumber: number) =>
    repo.comments.filter((comment) => comment.issueNumber === issueNumber && comment.user.type === 'Bot');
  /** Sends `/aos help` from the writer and waits for the reply: every delivery sent before it has been handled by then. */
  const probe = async () => {
    const issue = github.createIssue(REPO, { title: 'probe', user: WRITER });
    const comment = github.addComment(REPO, issue.number, { body: '/aos help', user: WRITER });
    expect((await send('issue_comment', github.issueCommentCreated(REPO, comment, INSTALLATION_ID))).status).toBe(200);
    await github.until('the help reply to the probe', () => botComments(issue.number).length === 1);
  };

  it('/healthz and /readyz answer 200', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: [
        { name: 'start-up', ok: true },
        { name: 'database', ok: true },
      ],
    });
  });

  it('a webhook sent as soon as /healthz answers (database maybe still opening) is held and handled, and /readyz turns 200', async () => {
    const early = await startAosServer({
      githubHost: github.host,
      modelUrl: model.url,
      privateKey: KEY.privateKey,
      webhookSecret: SECRET,
      waitFor: 'healthz',
    });
    try {
      const issue = github.createIssue(REPO, { title: 'early', user: WRITER });
      const comment = github.addComment(REPO, issue.number, { body: '/aos help', user: WRITER });
      const answer = await sendWebhook({
        url: early.webhookUrl,
        secret: SECRET,
        event: 'issue_comment',
        id: delivery(),
        payload: github.issueCommentCreated(REPO, comment, INSTALLATION_ID),
      });
      expect(answer.status, early.logs()).toBe(200);
      await github.until('the help reply from the server that was still starting', () => botComments(issue.number).length === 1);
      const ready = await fetch(`${early.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        checks: [
          { name: 'start-up', ok: true },
          { name: 'database', ok: true },
        ],
      });
    } finally {
      await early.stop();
      rmSync(early.dataDir, { recursive: true, force: true });
    }
  });

  it("the signed runs index shows this server's operator status: its database, its in-process queue and worker", async () => {
    const index = async () => {
      const link = signRunLink({ secret: LINK_SECRET, path: RUN_PATHS.list, expiresAt: new Date(Date.now() + 3_600_000) });
      const response = await fetch(`${server.url}${link}`);
      expect(response.status).toBe(200);
      return response.text();
    };
    // The worker starts just after the server answers /healthz: wait for it to be seen.
    let page = await index();
    const deadline = Date.now() + 60_000;
    while (!page.includes('1 worker seen') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      page = await index();
    }
    expect(page).toContain('<section id="status" data-status="ok">');
    expect(page).toMatch(/<tr data-part="database">[\s\S]*?pglite at <code>[^<]+<\/code>: \d+ migrations applied, 0 pending/);
    expect(page).toMatch(/<tr data-part="queue">[\s\S]*?in-process: \d+ waiting, \d+ running, [^<]*, 1 worker seen/);
    expect(page).toMatch(/data-vendor="local">local <code>127\.0\.0\.1<\/code> <span class="badge ok">allowed<\/span>/);
  });

  it('a wrong signature gets 400 and nothing is done', async () => {
    const issue = github.createIssue(REPO, { title: 'signed wrongly', user: WRITER });
    const comment = github.addComment(REPO, issue.number, { body: '/aos plan', user: WRITER });
    const answer = await send(
      'issue_comment',
      github.issueCommentCreated(REPO, comment, INSTALLATION_ID),
      delivery(),
      `sha256=${'0'.repeat(64)}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('signature does not match');
    await probe();
    expect(github.requests.filter((request) => touches(request.path, issue.number, comment.id))).toEqual([]);
    expect(model.count()).toBe(0);
  });

  it('malformed JSON gets a 4xx and the server stays up', async () => {
    const answer = await send('issue_comment', '{"action": "created", "comment": ');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it(
    '/aos plan end to end: reactions, one status comment, branch, pull request, review, CI passes by webhook, check run',
    async () => {
      const comment = github.addComment(REPO, 1, { body: '/aos plan', user: WRITER });
      const answer = await send('issue_comment', github.issueCommentCreated(REPO, comment, INSTALLATION_ID));
      expect(answer.status).toBe(200);
      const reactions = () =>
        github.state.reactions.filter((reaction) => reaction.commentId === comment.id).map((reaction) => reaction.content);
      // aos's commit waits for the repository's own CI: `aos / agent` in progress, the status comment says so.
      await github.until(
        'the run to wait for CI',
        () => repo.comments.some((candidate) => candidate.body.includes("waiting for the repository's CI")),
        120_000,
      );
      const waiting = repo.checkRuns.find((run) => run.name === 'aos / agent')!;
      expect(waiting.status).toBe('in_progress');
      expect(reactions()).toEqual(['eyes']);
      // The CI passes and GitHub says so with a signed check_suite webhook.
      const suite = github.completeCi(REPO, waiting.head_sha, [{ name: 'test', conclusion: 'success' }], INSTALLATION_ID);
      expect((await send('check_suite', suite)).status).toBe(200);
      await github.until(
        'the run to finish (🚀 or 😕)',
        () => reactions().some((content) => content === 'rocket' || content === 'confused'),
        120_000,
      );
      expect(reactions(), server.logs()).toEqual(['eyes', 'rocket']);

      // One status comment, edited in place.
      const status = repo.comments.filter((candidate) => candidate.body.includes('<!-- aos:run:'));
      expect(status).toHaveLength(1);
      expect(status[0]!.user.login).toBe(github.bot.login);
      expect(status[0]!.issueNumber).toBe(1);
      expect(
        github.requests.filter(
          (request) => request.method === 'PATCH' && request.path === `/repos/${REPO}/issues/comments/${status[0]!.id}`,
        ).length,
      ).toBeGreaterThanOrEqual(1);
      expect(status[0]!.history.length).toBeGreaterThan(1);
      expect(status[0]!.body).toContain('🚀 **Run finished.**');
      expect(status[0]!.body).toMatch(/- ✅ approver: done/);

      // The branch, committed through the Git Data API, carries the fix; main is untouched.
      const branches = Object.keys(repo.branches).filter((name) => /^aos\/issue-1-[\w-]+$/.test(name));
      expect(branches).toHaveLength(1);
      const branch = branches[0]!;
      expect(github.readFile(REPO, branch, 'src/math.ts')).toContain('return a + b;');
      expect(github.readFile(REPO, branch, 'README.md')).toBe(FIXTURE_FILES['README.md']);
      expect(github.readFile(REPO, 'main', 'src/math.ts')).toContain('return a - b;');

      // The pull request.
      const pulls = repo.pulls.filter((pull) => pull.head.ref === branch);
      expect(pulls).toHaveLength(1);
      const pull = pulls[0]!;
      const prIssue = repo.issues.find((issue) => issue.number === pull.number)!;
      expect(prIssue.user.login).toBe(github.bot.login);
      expect(prIssue.title).toBe(FIXTURE_TASK.title);
      expect(prIssue.body).toMatch(/^Fixes #1\b/);
      expect(prIssue.body).toContain('Make add() return the sum.');
      expect(prIssue.body).toMatch(/<details><summary>Trajectory: 5 steps[\s\S]*<\/details>/);
      expect(prIssue.labels).toEqual(expect.arrayContaining(['aos', 'aos:ready']));
      expect(prIssue.labels).not.toContain('aos:needs-work');
      expect(pull.requestedReviewers).toEqual([WRITER]);
      expect(pull.draft).toBe(false);
      expect(pull.base.ref).toBe('main');

      // One review, a comment (never an approval), with the critic's finding on the diff.
      const reviews = repo.reviews.filter((review) => review.pullNumber === pull.number);
      expect(reviews).toHaveLength(1);
      expect(reviews[0]!.event).toBe('COMMENT');
      expect(reviews[0]!.commit_id).toBe(repo.branches[branch]);
      expect(reviews[0]!.comments.map((inline) => ({ path: inline.path, line: inline.line }))).toEqual([{ path: 'src/math.ts', line: 2 }]);
      expect(github.requests.filter((request) => (request.body as { event?: string } | undefined)?.event === 'APPROVE')).toEqual([]);

      // The agent check run on the head commit.
      const agentChecks = repo.checkRuns.filter((run) => run.name === 'aos / agent');
      expect(agentChecks).toHaveLength(1);
      expect(agentChecks[0]).toMatchObject({ head_sha: repo.branches[branch], status: 'completed', conclusion: 'success' });

      // Four model calls (planner, coder, critic, qa); every GitHub call known and authenticated as the installation.
      expect(model.count()).toBe(4);
      expect(github.requests.filter((request) => request.unknown || request.status === 401)).toEqual([]);
      expect(github.requests.filter((request) => request.auth === 'jwt').every((request) => request.path.startsWith('/app/'))).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it('pull_request.opened adding a dependency that does not exist → aos / package-reality fails on that line', async () => {
    const manifest =
      '{\n  "name": "fixture",\n  "version": "1.0.0",\n  "type": "module",\n  "dependencies": {\n    "' +
      IMAGINARY +
      '": "^1.2.3"\n  }\n}\n';
    const headSha = github.pushBranch(REPO, 'add-a-dependency', { 'package.json': manifest }, { message: 'add a dependency' });
    const { pull } = github.openPullRequest(REPO, { head: 'add-a-dependency', title: 'Add a dependency', user: WRITER });
    const payload = github.pullRequestOpened(REPO, pull.number, INSTALLATION_ID);
    expect(payload.pull_request).toMatchObject({ head: { sha: headSha }, base: { sha: github.repo(REPO).branches.main } });
    expect((await send('pull_request', payload)).status).toBe(200);

    const check = await github.until(
      'the package-reality check to complete',
      () => repo.checkRuns.find((run) => run.name === 'aos / package-reality' && run.head_sha === headSha && run.status === 'completed'),
      120_000,
    );
    expect(check.conclusion, JSON.stringify(check.output)).toBe('failure');
    expect(check.output.annotations).toContainEqual(
      expect.objectContaining({
        path: 'package.json',
        start_line: 6,
        annotation_level: 'failure',
        title: expect.stringContaining(IMAGINARY),
        message: expect.stringContaining('does not exist'),
      }),
    );
    expect(packages.seen).toContain(`GET /npm/${IMAGINARY}`);
  });

  it("a bot's comment is ignored", async () => {
    const issue = github.createIssue(REPO, { title: 'bot', user: WRITER });
    const comment = github.addComment(REPO, issue.number, { body: '/aos plan', user: 'dependabot[bot]' });
    expect((await send('issue_comment', github.issueCommentCreated(REPO, comment, INSTALLATION_ID))).status).toBe(200);
    const modelCalls = model.count();
    await probe();
    expect(
      github.requests.filter((request) => request.path.includes('dependabot') || touches(request.path, issue.number, comment.id)),
    ).toEqual([]);
    expect(model.count()).toBe(modelCalls);
  });

  it('someone with read permission gets a short refusal and no model is called', async () => {
    const issue = github.createIssue(REPO, { title: 'reader', user: READER });
    const comment = github.addComment(REPO, issue.number, { body: '/aos plan', user: READER });
    const modelCalls = model.count();
    expect((await send('issue_comment', github.issueCommentCreated(REPO, comment, INSTALLATION_ID))).status).toBe(200);
    const [refusal] = await github.until('the refusal', () =>
      botComments(issue.number).length > 0 ? botComments(issue.number) : undefined,
    );
    expect(refusal!.body).toContain(`@${READER}, \`/aos plan\` needs write, maintain or admin permission`);
    expect(refusal!.body).toContain('you have read permission');
    expect(refusal!.body.length).toBeLessThan(300);
    expect(botComments(issue.number)).toHaveLength(1);
    expect(model.count()).toBe(modelCalls);
    expect(github.state.reactions.filter((reaction) => reaction.commentId === comment.id)).toEqual([]);
  });

  it('a delivery sent twice (same X-GitHub-Delivery) is handled once', async () => {
    const issue = github.createIssue(REPO, { title: 'twice', user: WRITER });
    const comment = github.addComment(REPO, issue.number, { body: '/aos help', user: WRITER });
    const id = delivery();
    expect((await send('issue_comment', github.issueCommentCreated(REPO, comment, INSTALLATION_ID), id)).status).toBe(200);
    await github.until('the first help reply', () => botComments(issue.number).length === 1);
    // Again, after the first was handled: only the recorded delivery id can stop it now.
    expect((await send('issue_comment', github.issueCommentCreated(REPO, comment, INSTALLATION_ID), id)).status).toBe(200);
    await probe();
    expect(botComments(issue.number)).toHaveLength(1);
    expect(
      github.requests.filter((request) => request.method === 'POST' && request.path === `/repos/${REPO}/issues/${issue.number}/comments`),
    ).toHaveLength(1);
  });
});
