import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, FIXTURE_TASK } from '../../helpers/agent-fixture.ts';
import { appHarness } from '../../helpers/app-harness.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { startGithubDouble, type DoubleReviewComment, type GithubDouble } from '../../helpers/github-double/index.ts';
import { pricedConfigDir } from '../../helpers/priced-config-dir.ts';
import { startScriptedModel } from '../../helpers/scripted-model.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';
import { webhookExample } from '../../helpers/webhook-examples.ts';

const REPO = 'octo/fixture';
const BUDGET_REPO = 'octo/tight-budget';
const INVALID_REPO = 'octo/bad-settings';
const INSTALLATION_ID = 42;
const WRITER = 'alice';

describe('aos app flows through probot.receive, against the GitHub double, the model double and PostgreSQL', () => {
  let testDb: TestDatabase;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let harness: Awaited<ReturnType<typeof appHarness>>;
  let configDir: string;

  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    github = await startGithubDouble({
      repos: {
        [REPO]: { files: FIXTURE_FILES, issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }] },
        [BUDGET_REPO]: {
          files: { ...FIXTURE_FILES, '.github/aos.yml': 'budget:\n  run_cap_eur: 0.0000001\n' },
          issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }],
        },
        [INVALID_REPO]: {
          files: { ...FIXTURE_FILES, '.github/aos.yml': 'max_iterations: 2\nbudget:\n  run_cap_eur: -5\n' },
          issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }],
        },
      },
      collaborators: { [WRITER]: 'write' },
    });
    // The harness's clients authenticate with this token; the double knows it as the installation's.
    github.state.tokens.set('test-token', INSTALLATION_ID);
    model = await startScriptedModel();
    configDir = pricedConfigDir();
    harness = await appHarness({ knex: testDb.db.knex, modelUrl: model.url, baseUrl: github.apiUrl, configDir });
  });

  afterAll(async () => {
    await harness?.close();
    await Promise.all([github?.close(), model?.close()]);
    await testDb?.drop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  /** A writer's comment on the double and the webhook GitHub would send for it. */
  const comment = (fullName: string, issueNumber: number, body: string) => {
    const written = github.addComment(fullName, issueNumber, { body, user: WRITER });
    return {
      comment: written,
      payload: github.issueCommentCreated(fullName, written, INSTALLATION_ID) as unknown as Record<string, unknown>,
    };
  };
  const statusComments = (fullName: string, issueNumber: number) =>
    github.repo(fullName).comments.filter((candidate) => candidate.issueNumber === issueNumber && candidate.body.includes('<!-- aos:run:'));
  const botComments = (fullName: string, issueNumber: number) =>
    github
      .repo(fullName)
      .comments.filter((candidate) => candidate.issueNumber === issueNumber && candidate.user.login === github.bot.login);
  const reactions = (commentId: number) =>
    github.state.reactions.filter((reaction) => reaction.commentId === commentId).map((reaction) => reaction.content);
  const aosBranches = (fullName: string, issueNumber: number) =>
    Object.keys(github.repo(fullName).branches).filter((name) => name.startsWith(`aos/issue-${issueNumber}-`));
  const modelCalls = () => model.requests.length;
  const unknownRoutes = () => github.requests.filter((request) => request.unknown || request.status === 401);

  let pullNumber = 0;
  let branch = '';
  /** The repository's CI passes on the head the newest run of `issueNumber` waits on. */
  const passCi = async (issueNumber: number) => {
    const [waiting] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture', issueNumber, limit: 1 });
    expect(waiting).toMatchObject({ status: 'running', ci: { phase: 'waiting' } });
    const suite = github.completeCi(REPO, waiting!.headSha!, [{ name: 'test', conclusion: 'success' }], INSTALLATION_ID);
    await harness.receive('check_suite', suite as unknown as Record<string, unknown>);
  };

  it('a. /aos plan: status comment edited in place, branch, pull request, one COMMENT review, aos / agent success', async () => {
    model.reset();
    const { comment: trigger, payload } = comment(REPO, 1, '/aos plan');
    await harness.receive('issue_comment', payload);
    const repo = github.repo(REPO);
    // aos's commit waits for the repository's CI, which then passes.
    await passCi(1);

    expect(reactions(trigger.id), JSON.stringify(harness.logs.filter((line) => (line.level as number) >= 50))).toEqual(['eyes', 'rocket']);
    const status = statusComments(REPO, 1);
    expect(status).toHaveLength(1);
    expect(status[0]!.user.login).toBe(github.bot.login);
    expect(status[0]!.history.length).toBeGreaterThan(2);
    expect(
      github.requests.filter((request) => request.method === 'PATCH' && request.path === `/repos/${REPO}/issues/comments/${status[0]!.id}`)
        .length,
    ).toBe(status[0]!.history.length - 1);
    expect(status[0]!.body).toContain('🚀 **Run finished.**');
    expect(status[0]!.body).toMatch(/- ✅ approver: done/);

    expect(aosBranches(REPO, 1)).toHaveLength(1);
    branch = aosBranches(REPO, 1)[0]!;
    expect(github.readFile(REPO, branch, 'src/math.ts')).toContain('return a + b;');
    expect(github.readFile(REPO, 'main', 'src/math.ts')).toContain('return a - b;');

    const pulls = repo.pulls.filter((pull) => pull.head.ref === branch);
    expect(pulls).toHaveLength(1);
    pullNumber = pulls[0]!.number;
    const prIssue = repo.issues.find((issue) => issue.number === pullNumber)!;
    expect(prIssue.user.login).toBe(github.bot.login);
    expect(prIssue.body).toMatch(/^Fixes #1\b/);
    expect(prIssue.labels).toEqual(expect.arrayContaining(['aos', 'aos:ready']));

    const reviews = repo.reviews.filter((review) => review.pullNumber === pullNumber);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ event: 'COMMENT', state: 'COMMENTED', commit_id: repo.branches[branch] });
    expect(reviews[0]!.comments.map((inline) => [inline.path, inline.line])).toEqual([['src/math.ts', 2]]);

    const checks = repo.checkRuns.filter((run) => run.name === 'aos / agent');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ head_sha: repo.branches[branch], status: 'completed', conclusion: 'success' });

    expect(model.requests.map((request) => request.node)).toEqual(['planner', 'coder', 'critic', 'qa']);
    const [run] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture', issueNumber: 1 });
    expect(run).toMatchObject({ status: 'completed', verdict: 'ready', prNumber: pullNumber, branch });
    expect(unknownRoutes()).toEqual([]);
  });

  it('b. /aos revise on the bot pull request: a new commit on the same branch, a new review and a reply; a review comment gets a threaded reply', async () => {
    expect(pullNumber).toBeGreaterThan(0);
    const repo = github.repo(REPO);
    const firstHead = repo.branches[branch]!;
    const before = modelCalls();
    model.script({
      coder: () =>
        answers.edits([
          { kind: 'replace', path: 'src/math.ts', search: 'return a + b;', replace: 'return a + b; // the sum of both numbers' },
        ]),
    });

    const { comment: trigger, payload } = comment(REPO, pullNumber, '/aos revise make it clearer');
    expect((payload.issue as { number: number; pull_request?: unknown }).number).toBe(pullNumber);
    expect((payload.issue as { pull_request?: unknown }).pull_request).toBeDefined();
    await harness.receive('issue_comment', payload);
    await passCi(pullNumber);

    expect(model.requests.slice(before).map((request) => request.node)).toEqual(['coder', 'critic', 'qa']);
    // The maintainer's instructions reach the coder, which starts the revision.
    expect(JSON.stringify(model.requests[before]!.body.messages)).toContain('make it clearer');
    const secondHead = repo.branches[branch]!;
    expect(secondHead).not.toBe(firstHead);
    expect(repo.git.commits.get(secondHead)!.parents).toEqual([firstHead]);
    expect(github.readFile(REPO, branch, 'src/math.ts')).toContain('return a + b; // the sum of both numbers');
    expect(repo.pulls.filter((pull) => pull.head.ref === branch)).toHaveLength(1);
    const reviews = repo.reviews.filter((review) => review.pullNumber === pullNumber);
    expect(reviews).toHaveLength(2);
    expect(reviews[1]).toMatchObject({ event: 'COMMENT', commit_id: secondHead });
    const replies = botComments(REPO, pullNumber).filter((candidate) => !candidate.body.includes('<!-- aos:run:'));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain(`Pushed ${secondHead.slice(0, 7)}`);
    expect(reactions(trigger.id)).toEqual(['eyes', 'rocket']);
    expect(repo.checkRuns.filter((run) => run.name === 'aos / agent' && run.head_sha === secondHead)).toMatchObject([
      { conclusion: 'success' },
    ]);

    // A review comment on a line of the bot pull request, as a person writes it.
    model.script({
      coder: () =>
        answers.edits([
          { kind: 'replace', path: 'src/math.ts', search: 'export function add', replace: '/** Adds two numbers. */\nexport function add' },
        ]),
    });
    const author = repo.comments.find((candidate) => candidate.user.login === WRITER)!.user;
    const lineComment: DoubleReviewComment = {
      id: 990_001,
      node_id: 'PRRC_990001',
      pullNumber,
      reviewId: 990_000,
      path: 'src/math.ts',
      line: 2,
      side: 'RIGHT',
      body: '/aos revise add a doc comment to add()',
      user: author,
      commit_id: secondHead,
    };
    repo.reviewComments.push(lineComment);
    const reviewPayload = webhookExample('pull_request_review_comment', 'created');
    Object.assign(reviewPayload.repository, {
      id: repo.id,
      node_id: repo.node_id,
      name: repo.name,
      full_name: repo.fullName,
      default_branch: repo.defaultBranch,
    });
    reviewPayload.repository.owner.login = repo.owner;
    Object.assign(reviewPayload.sender, { login: author.login, id: author.id, node_id: author.node_id, type: 'User' });
    reviewPayload.installation = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI=' };
    Object.assign(reviewPayload.pull_request, {
      number: pullNumber,
      head: { ...reviewPayload.pull_request.head, ref: branch, sha: secondHead },
    });
    Object.assign(reviewPayload.comment, {
      id: lineComment.id,
      node_id: lineComment.node_id,
      path: lineComment.path,
      body: lineComment.body,
      commit_id: secondHead,
      user: { ...reviewPayload.comment.user, login: author.login, id: author.id, type: 'User' },
    });
    const beforeReview = modelCalls();
    await harness.receive('pull_request_review_comment', reviewPayload);
    await passCi(pullNumber);

    expect(model.requests.slice(beforeReview).map((request) => request.node)).toEqual(['coder', 'critic', 'qa']);
    const thirdHead = repo.branches[branch]!;
    expect(repo.git.commits.get(thirdHead)!.parents).toEqual([secondHead]);
    expect(github.readFile(REPO, branch, 'src/math.ts')).toBe(
      '/** Adds two numbers. */\nexport function add(a: number, b: number): number {\n  return a + b; // the sum of both numbers\n}\n',
    );
    const threaded = repo.reviewComments.filter((candidate) => candidate.in_reply_to_id === lineComment.id);
    expect(threaded).toHaveLength(1);
    expect(threaded[0]!.user.login).toBe(github.bot.login);
    expect(threaded[0]!.body).toContain(`Pushed ${thirdHead.slice(0, 7)}`);
    expect(
      github.requests.filter(
        (request) => request.method === 'POST' && request.path === `/repos/${REPO}/pulls/${pullNumber}/comments/${lineComment.id}/replies`,
      ),
    ).toHaveLength(1);
    // The reply, and each revision run's status comment.
    expect(botComments(REPO, pullNumber).filter((candidate) => !candidate.body.includes('<!-- aos:run:'))).toHaveLength(1);
    expect(statusComments(REPO, pullNumber)).toHaveLength(2);
    expect(
      github.state.reactions
        .filter((reaction) => reaction.subject === 'review_comment' && reaction.commentId === lineComment.id)
        .map((reaction) => reaction.content),
    ).toEqual(['eyes', 'rocket']);
    expect(repo.reviews.filter((review) => review.pullNumber === pullNumber)).toHaveLength(3);
    const runs = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture', issueNumber: pullNumber });
    expect(runs.map((run) => [run.kind, run.status])).toEqual([
      ['revise', 'completed'],
      ['revise', 'completed'],
    ]);
    expect(unknownRoutes()).toEqual([]);
  });

  it('c. a run cap in .github/aos.yml below the cheapest call: refused with no model call, no branch, no pull request', async () => {
    model.reset();
    const before = modelCalls();
    const { comment: trigger, payload } = comment(BUDGET_REPO, 1, '/aos plan');
    await harness.receive('issue_comment', payload);

    expect(modelCalls()).toBe(before);
    const [status] = statusComments(BUDGET_REPO, 1);
    expect(status!.body).toContain('😕 **Run failed.**');
    expect(status!.body).toMatch(/Budget exceeded: the cap of run [\w-]+ is €0\.00/);
    expect(aosBranches(BUDGET_REPO, 1)).toEqual([]);
    expect(github.repo(BUDGET_REPO).pulls).toEqual([]);
    expect(reactions(trigger.id)).toEqual(['eyes', 'confused']);
    const [run] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'tight-budget' });
    expect(run).toMatchObject({ verdict: 'needs-work', prNumber: null, branch: null });
    expect(run!.error).toContain('Budget exceeded');
  });

  it('d. an edit of .github/workflows is refused by the edit guard (deny_glob): no pull request', async () => {
    model.reset();
    model.script({
      coder: () =>
        answers.edits([{ kind: 'replace', path: '.github/workflows/ci.yml', search: 'run: npm test', replace: 'run: npm ci && npm test' }]),
    });
    const issue = github.createIssue(REPO, {
      title: 'CI should install dependencies first',
      body: 'Run npm ci before npm test in the workflow.',
      user: WRITER,
    });
    const before = modelCalls();
    const { comment: trigger, payload } = comment(REPO, issue.number, '/aos plan');
    await harness.receive('issue_comment', payload);

    // The critic and QA need no model for an empty change.
    expect(model.requests.slice(before).map((request) => request.node)).toEqual(['planner', 'coder']);
    const [status] = statusComments(REPO, issue.number);
    expect(status!.body).toContain('No pull request was opened');
    expect(status!.body).toContain('Edit refused by the edit guard (deny_glob) for .github/workflows/ci.yml');
    expect(aosBranches(REPO, issue.number)).toEqual([]);
    expect(github.repo(REPO).pulls).toHaveLength(1);
    expect(github.readFile(REPO, 'main', '.github/workflows/ci.yml')).toBe(FIXTURE_FILES['.github/workflows/ci.yml']);
    expect(reactions(trigger.id)).toEqual(['eyes', 'confused']);
  });

  it('e. /aos cancel while the coder waits for the model: the run ends cancelled, no pull request, the cancel is confirmed', async () => {
    model.reset();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    model.script({
      coder: () =>
        released.then(() => answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }])),
    });
    const issue = github.createIssue(REPO, { title: 'add() is wrong again', body: FIXTURE_TASK.body, user: WRITER });
    const before = modelCalls();
    const { comment: trigger, payload } = comment(REPO, issue.number, '/aos plan');
    await harness.send('issue_comment', payload);
    await github.until(
      'the coder to ask the model',
      () => model.requests.slice(before).some((request) => request.node === 'coder'),
      120_000,
    );

    const { payload: cancel } = comment(REPO, issue.number, '/aos cancel');
    await harness.send('issue_comment', cancel);
    const confirmation = await github.until(
      'the cancel confirmation',
      () => botComments(REPO, issue.number).find((candidate) => candidate.body.startsWith('Cancelling run')),
      120_000,
    );
    release();
    await harness.idle();

    const [run] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture', issueNumber: issue.number });
    expect(run!.status).toBe('cancelled');
    expect(confirmation.body).toContain(run!.id);
    expect(model.requests.slice(before).map((request) => request.node)).toEqual(['planner', 'coder']);
    const [status] = statusComments(REPO, issue.number);
    expect(status!.body).toContain('🛑 **Run cancelled.**');
    expect(aosBranches(REPO, issue.number)).toEqual([]);
    expect(github.repo(REPO).pulls).toHaveLength(1);
    expect(reactions(trigger.id)).toEqual(['eyes', 'confused']);
  });

  it('f. an invalid .github/aos.yml on the default branch: a comment naming the line and key, nothing run, no branch', async () => {
    model.reset();
    const before = modelCalls();
    const { payload } = comment(INVALID_REPO, 1, '/aos plan');
    await harness.receive('issue_comment', payload);

    expect(modelCalls()).toBe(before);
    const explanation = botComments(INVALID_REPO, 1).find((candidate) => candidate.body.includes('is invalid'));
    expect(explanation!.body).toContain('**aos did not run: `.github/aos.yml` on `main` is invalid.**');
    expect(explanation!.body).toMatch(/- line 3, `budget\.run_cap_eur`: /);
    expect(aosBranches(INVALID_REPO, 1)).toEqual([]);
    expect(Object.keys(github.repo(INVALID_REPO).branches)).toEqual(['main']);
    expect(github.repo(INVALID_REPO).pulls).toEqual([]);
    const [run] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'bad-settings' });
    expect(run).toMatchObject({ status: 'failed', error: 'invalid .github/aos.yml' });
  });
});
