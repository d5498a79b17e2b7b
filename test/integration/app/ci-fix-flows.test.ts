import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, FIXTURE_TASK } from '../../helpers/agent-fixture.ts';
import type { appHarness } from '../../helpers/app-harness.ts';
import type { CiCheck, GithubDouble } from '../../helpers/github-double/index.ts';
import { startAppScenario } from '../../helpers/app-scenario.ts';
import type { startScriptedModel } from '../../helpers/scripted-model.ts';

const FIXED = 'octo/fixed-by-ci';
const STUBBORN = 'octo/stubborn-ci';
const NO_CI = 'octo/no-ci';
const POOR = 'octo/poor-ci';
const STATUSES = 'octo/status-ci';
const CANCELLED = 'octo/cancelled-ci';
const PROTECTED = 'octo/protected-ci';
const SLOW = 'octo/slow-ci';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
const issue = [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }];

/** A failing test job: an annotation on the line and a log whose last lines name the failing assertion (with colours). */
const failingTest = (message: string): CiCheck => ({
  name: 'test',
  conclusion: 'failure',
  title: '1 test failed',
  summary: 'vitest: 1 failed, 3 passed',
  annotations: [{ path: 'src/math.ts', start_line: 2, end_line: 2, annotation_level: 'failure', message }],
  log: `${'2026-12-03T10:00:00.0000000Z npm ci\n'.repeat(400)}2026-12-03T10:00:01.0000000Z \u001b[31mFAIL\u001b[39m test/math.test.ts > add > adds\n2026-12-03T10:00:01.1000000Z AssertionError: expected add(2, 3) to be 5 // Object.is equality\n`,
});

describe('aos waits for the repository CI on its pull request and fixes what fails (probot.receive, GitHub double, PostgreSQL)', () => {
  let scenario: Awaited<ReturnType<typeof startAppScenario>> | undefined;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let harness: Awaited<ReturnType<typeof appHarness>>;

  beforeAll(async () => {
    scenario = await startAppScenario({
      repos: {
        [FIXED]: { files: FIXTURE_FILES, issues: issue },
        [STUBBORN]: { files: { ...FIXTURE_FILES, '.github/aos.yml': 'ci_fix_attempts: 1\n' }, issues: issue },
        [NO_CI]: { files: FIXTURE_FILES, issues: issue },
        [POOR]: { files: FIXTURE_FILES, issues: issue },
        [STATUSES]: { files: FIXTURE_FILES, issues: issue },
        [CANCELLED]: { files: FIXTURE_FILES, issues: issue },
        [PROTECTED]: { files: FIXTURE_FILES, issues: issue },
        [SLOW]: { files: FIXTURE_FILES, issues: issue },
      },
      collaborators: { [WRITER]: 'write' },
      installationId: INSTALLATION_ID,
    });
    ({ github, model, harness } = scenario);
  });

  afterAll(async () => {
    await scenario?.close();
  });

  const plan = async (fullName: string) => {
    const written = github.addComment(fullName, 1, { body: '/aos plan', user: WRITER });
    await harness.receive('issue_comment', github.issueCommentCreated(fullName, written, INSTALLATION_ID) as never);
    const [owner, repo] = fullName.split('/') as [string, string];
    const [run] = await harness.agent.runStore.listRuns({ owner, repo, issueNumber: 1, limit: 1 });
    return { trigger: written, run: run! };
  };
  const runOf = async (id: string) => (await harness.agent.runStore.getRun(id))!;
  const statusComment = (fullName: string) =>
    github.repo(fullName).comments.find((c) => c.issueNumber === 1 && c.body.includes('<!-- aos:run:'))!;
  /** The status comment's text without the zero-width spaces that keep words like "fix #2" from closing anything. */
  const statusText = (fullName: string) => statusComment(fullName).body.replace(/\u200b/g, '');
  const agentChecks = (fullName: string) => github.repo(fullName).checkRuns.filter((run) => run.name === 'aos / agent');
  const labelsOf = (fullName: string, number: number) => github.repo(fullName).issues.find((i) => i.number === number)!.labels;
  const reactions = (commentId: number) => github.state.reactions.filter((r) => r.commentId === commentId).map((r) => r.content);
  const ciFail = (fullName: string, sha: string, message: string) =>
    harness.receive('check_suite', github.completeCi(fullName, sha, [failingTest(message)], INSTALLATION_ID) as never);

  let firstHead = '';
  let fixedHead = '';
  let fixedRunId = '';
  let successDelivery = '';

  it('a. CI fails with an annotation and a log line: a ci-fix pass whose coder sees both, a new commit, CI passes, ready', async () => {
    model.reset();
    const { trigger, run } = await plan(FIXED);
    fixedRunId = run.id;
    expect(run.status).toBe('running');
    expect(run.ci).toMatchObject({ phase: 'waiting', pass: 0 });
    const pull = github.repo(FIXED).pulls.find((candidate) => candidate.number === run.prNumber)!;
    firstHead = run.headSha!;
    expect(pull.draft).toBe(true);
    expect(labelsOf(FIXED, pull.number)).toEqual(['aos', 'aos:needs-work']);
    expect(agentChecks(FIXED)).toMatchObject([{ head_sha: firstHead, status: 'in_progress', conclusion: null }]);
    expect(statusComment(FIXED).body).toContain("waiting for the repository's CI");
    expect(reactions(trigger.id)).toEqual(['eyes']);

    const before = model.requests.length;
    model.script({
      coder: () => answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a + b;', replace: 'return b + a;' }]),
    });
    await ciFail(FIXED, firstHead, 'expected add(2, 3) to be 5, received -1');

    const pass = model.requests.slice(before);
    expect(pass.map((request) => request.node)).toEqual(['coder', 'critic', 'qa']);
    const coderPrompt = JSON.stringify(pass[0]!.body.messages);
    expect(coderPrompt).toContain('expected add(2, 3) to be 5, received -1');
    expect(coderPrompt).toContain('src/math.ts:2');
    expect(coderPrompt).toContain('AssertionError: expected add(2, 3) to be 5');
    // ANSI codes and Actions timestamps are gone; only the log's tail is kept.
    expect(coderPrompt).not.toContain('[31m');
    expect(coderPrompt).not.toContain('2026-12-03T10:00:01');
    expect(coderPrompt.split('npm ci').length - 1).toBeLessThan(400);

    const afterFix = await runOf(run.id);
    fixedHead = afterFix.headSha!;
    expect(fixedHead).not.toBe(firstHead);
    expect(github.repo(FIXED).git.commits.get(fixedHead)!.parents).toEqual([firstHead]);
    expect(github.readFile(FIXED, pull.head.ref, 'src/math.ts')).toContain('return b + a;');
    expect(afterFix.ci).toMatchObject({ phase: 'waiting', pass: 1, headSha: fixedHead });
    const reviews = github.repo(FIXED).reviews.filter((review) => review.pullNumber === pull.number);
    expect(reviews).toHaveLength(2);
    expect(reviews[1]!.commit_id).toBe(fixedHead);
    expect(reviews[1]!.body).toContain('CI failures this pass addressed');
    expect(reviews[1]!.body).toContain('expected add(2, 3) to be 5, received -1');
    expect(agentChecks(FIXED)).toMatchObject([
      { head_sha: firstHead, conclusion: 'failure' },
      { head_sha: fixedHead, status: 'in_progress' },
    ]);
    expect(statusComment(FIXED).body).toMatch(/❌ aos's commit `[0-9a-f]{7}`: CI failed: test/);

    successDelivery = await harness.receive(
      'check_suite',
      github.completeCi(FIXED, fixedHead, [{ name: 'test', conclusion: 'success' }], INSTALLATION_ID) as never,
    );
    const done = await runOf(run.id);
    expect(done).toMatchObject({ status: 'completed', verdict: 'ready', ci: null, headSha: fixedHead });
    expect(labelsOf(FIXED, pull.number)).toEqual(['aos', 'aos:ready']);
    expect(pull.draft).toBe(false);
    expect(agentChecks(FIXED).at(-1)).toMatchObject({ head_sha: fixedHead, status: 'completed', conclusion: 'success' });
    const body = statusText(FIXED);
    expect(body).toContain('🚀 **Run finished.**');
    expect(body).toMatch(/✅ ci-fix pass 1 `[0-9a-f]{7}`: CI passed \(test\)/);
    expect(reactions(trigger.id)).toEqual(['eyes', 'rocket']);
    expect(github.requests.filter((request) => request.unknown || request.status === 401)).toEqual([]);
  });

  it('b. a duplicate or late check_suite webhook for an old head changes nothing', async () => {
    const commits = github.repo(FIXED).git.commits.size;
    const checks = github.repo(FIXED).checkRuns.length;
    const calls = model.requests.length;
    const before = await runOf(fixedRunId);
    const statusBody = statusComment(FIXED).body;
    // The same delivery again, a late failure for the first head, and a late success for it.
    await harness.receive('check_suite', github.checkSuiteCompleted(FIXED, fixedHead, INSTALLATION_ID) as never, successDelivery);
    await ciFail(FIXED, firstHead, 'a late failure of an old commit');
    await harness.receive('check_suite', github.checkSuiteCompleted(FIXED, firstHead, INSTALLATION_ID) as never);
    expect(await runOf(fixedRunId)).toEqual(before);
    expect(github.repo(FIXED).git.commits.size).toBe(commits);
    expect(github.repo(FIXED).checkRuns.length).toBe(checks + 1); // only the test's own late check run
    expect(model.requests.length).toBe(calls);
    expect(statusComment(FIXED).body).toBe(statusBody);
  });

  it('c. CI keeps failing: needs-work after ci_fix_attempts (1 in .github/aos.yml) with the last failures listed', async () => {
    model.reset();
    const { run } = await plan(STUBBORN);
    const before = model.requests.length;
    model.script({
      coder: () => answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a + b;', replace: 'return (a + b);' }]),
    });
    await ciFail(STUBBORN, run.headSha!, 'first failure: expected 5');
    const second = await runOf(run.id);
    expect(second.ci).toMatchObject({ phase: 'waiting', pass: 1 });
    await ciFail(STUBBORN, second.headSha!, 'second failure: still expected 5');

    expect(model.requests.slice(before).map((request) => request.node)).toEqual(['coder', 'critic', 'qa']);
    const done = await runOf(run.id);
    expect(done).toMatchObject({ status: 'completed', verdict: 'needs-work', ci: null, headSha: second.headSha });
    expect(labelsOf(STUBBORN, done.prNumber!)).toEqual(expect.arrayContaining(['aos', 'aos:needs-work']));
    expect(github.repo(STUBBORN).pulls.find((pull) => pull.number === done.prNumber)!.draft).toBe(true);
    const body = statusText(STUBBORN);
    expect(body).toContain("the repository's CI still fails after 1 ci-fix pass: test");
    expect(body).toContain('second failure: still expected 5');
    expect(agentChecks(STUBBORN).at(-1)).toMatchObject({ head_sha: second.headSha, conclusion: 'failure' });
  });

  it('d. a repository with no CI at all: needs-work, "the change is unverified", never ready', async () => {
    model.reset();
    harness.ci.graceMs = 0; // the first look comes at once and sees nothing but aos's own check
    try {
      const { run } = await plan(NO_CI);
      const done = await runOf(run.id);
      expect(done).toMatchObject({ status: 'completed', verdict: 'needs-work', ci: null });
      expect(statusComment(NO_CI).body).toContain('no CI ran on this commit: the change is unverified');
      expect(labelsOf(NO_CI, done.prNumber!)).toContain('aos:needs-work');
      expect(agentChecks(NO_CI)).toMatchObject([{ conclusion: 'failure' }]);
    } finally {
      harness.ci.graceMs = 3_600_000;
    }
  });

  it('e. a budget that covers the first pass but not a ci-fix pass: stops with the budget reason, nothing overspent', async () => {
    model.reset();
    const { run } = await plan(POOR);
    const spent = (await harness.agent.guardian.getRemainingBudget({ runId: run.id })).find((row) => row.scope === 'run')!.spent;
    expect(spent).toBeGreaterThan(0);
    // The repository's run cap now leaves less than any model call needs.
    const cap = Number((spent * 1.000001).toPrecision(12));
    github.pushBranch(POOR, 'main', { '.github/aos.yml': `budget:\n  run_cap_eur: ${cap}\n` });
    const commits = github.repo(POOR).git.commits.size;
    const calls = model.requests.length;
    await ciFail(POOR, run.headSha!, 'expected 5');

    expect(model.requests.length).toBe(calls);
    expect(github.repo(POOR).git.commits.size).toBe(commits);
    const done = await runOf(run.id);
    expect(done).toMatchObject({ status: 'completed', verdict: 'needs-work', ci: null });
    expect(done.costEur).toBeLessThanOrEqual(cap);
    const body = statusText(POOR);
    expect(body).toContain('Budget exceeded');
    expect(body).toContain('ci-fix pass 1 made no change');
  });

  it('f. /aos cancel while the run waits for CI: the run ends cancelled, the agent check neutral, no pass runs', async () => {
    model.reset();
    const { trigger, run } = await plan(CANCELLED);
    const calls = model.requests.length;
    const cancel = github.addComment(CANCELLED, 1, { body: '/aos cancel', user: WRITER });
    await harness.receive('issue_comment', github.issueCommentCreated(CANCELLED, cancel, INSTALLATION_ID) as never);
    expect(await runOf(run.id)).toMatchObject({ status: 'cancelled', ci: null });
    expect(agentChecks(CANCELLED)).toMatchObject([{ status: 'completed', conclusion: 'neutral' }]);
    expect(statusText(CANCELLED)).toContain('🛑 **Run cancelled.**');
    // CI reporting afterwards changes nothing.
    await ciFail(CANCELLED, run.headSha!, 'too late');
    expect(model.requests.length).toBe(calls);
    expect(reactions(trigger.id)).toEqual(['eyes', 'confused']);
  });

  it('g. CI reported as commit statuses counts too; a pending status keeps the run waiting', async () => {
    model.reset();
    const { run } = await plan(STATUSES);
    const head = run.headSha!;
    await harness.receive(
      'status',
      github.setStatus(STATUSES, head, { context: 'ci/jenkins', state: 'pending' }, INSTALLATION_ID) as never,
    );
    github.setStatus(STATUSES, head, { context: 'ci/jenkins', state: 'pending' }, INSTALLATION_ID);
    await harness.receive('check_suite', github.checkSuiteCompleted(STATUSES, head, INSTALLATION_ID) as never);
    expect(await runOf(run.id)).toMatchObject({ status: 'running', ci: { phase: 'waiting' } });
    await harness.receive(
      'status',
      github.setStatus(
        STATUSES,
        head,
        { context: 'ci/jenkins', state: 'success', description: 'Build #12 passed' },
        INSTALLATION_ID,
      ) as never,
    );
    expect(await runOf(run.id)).toMatchObject({ status: 'completed', verdict: 'ready' });
    expect(statusComment(STATUSES).body).toContain('CI passed (ci/jenkins)');
  });

  it("h. branch protection's required checks are the ones that count; without access to them every check counts", async () => {
    model.reset();
    github.repo(PROTECTED).requiredChecks.main = ['test'];
    const { run } = await plan(PROTECTED);
    const checks: CiCheck[] = [
      { name: 'test', conclusion: 'success' },
      { name: 'optional-lint', conclusion: 'failure', summary: 'style nits' },
    ];
    const calls = model.requests.length;
    await harness.receive('check_suite', github.completeCi(PROTECTED, run.headSha!, checks, INSTALLATION_ID) as never);
    expect(await runOf(run.id), statusText(PROTECTED)).toMatchObject({ status: 'completed', verdict: 'ready' });
    expect(model.requests.length).toBe(calls);
    expect(statusText(PROTECTED)).toContain('CI passed (test)');

    // aos may not read the protection (403): the failing optional check counts, and a ci-fix pass starts.
    github.repo(PROTECTED).requiredChecks.main = 'forbidden';
    let coderCalls = 0;
    model.script({
      coder: () =>
        (coderCalls += 1) === 1
          ? answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }])
          : answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a + b;', replace: 'return a + b; // lint' }]),
    });
    const again = github.addComment(PROTECTED, 1, { body: '/aos plan', user: WRITER });
    await harness.receive('issue_comment', github.issueCommentCreated(PROTECTED, again, INSTALLATION_ID) as never);
    const [second] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'protected-ci', issueNumber: 1, limit: 1 });
    await harness.receive('check_suite', github.completeCi(PROTECTED, second!.headSha!, checks, INSTALLATION_ID) as never);
    expect(await runOf(second!.id)).toMatchObject({ status: 'running', ci: { phase: 'waiting', pass: 1 } });
    expect(model.requests.slice(calls).map((request) => request.node)).toEqual([
      'planner',
      'coder',
      'critic',
      'qa',
      'coder',
      'critic',
      'qa',
    ]);
  });

  it('i. CI still running at ci_timeout_minutes: needs-work, naming the checks it waited for', async () => {
    model.reset();
    const { run } = await plan(SLOW);
    const running: CiCheck[] = [{ name: 'e2e', conclusion: 'success', running: true }];
    await harness.receive('check_suite', github.completeCi(SLOW, run.headSha!, running, INSTALLATION_ID) as never);
    expect(await runOf(run.id)).toMatchObject({ status: 'running', ci: { phase: 'waiting' } });
    harness.clock.advanceMs = harness.ci.timeoutMs;
    try {
      await harness.receive('check_suite', github.checkSuiteCompleted(SLOW, run.headSha!, INSTALLATION_ID) as never);
    } finally {
      harness.clock.advanceMs = 0;
    }
    expect(await runOf(run.id)).toMatchObject({ status: 'completed', verdict: 'needs-work', ci: null });
    expect(statusText(SLOW)).toContain("the repository's CI did not finish in time (still waiting for e2e)");
  });
});
