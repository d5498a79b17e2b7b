import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_FILES, FIXTURE_TASK } from '../../helpers/agent-fixture.ts';
import { appHarness } from '../../helpers/app-harness.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { startGithubDouble, type GithubDouble } from '../../helpers/github-double/index.ts';
import { pricedConfigDir } from '../../helpers/priced-config-dir.ts';
import { startScriptedModel } from '../../helpers/scripted-model.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
const FLOOR = 500;

describe("a run's GitHub requests: counted in its ledger, and held back while the installation's rate limit is low", () => {
  let testDb: TestDatabase;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let harness: Awaited<ReturnType<typeof appHarness>>;
  let configDir: string;

  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    github = await startGithubDouble({
      repos: {
        [REPO]: {
          files: FIXTURE_FILES,
          issues: [
            { title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER },
            { title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER },
          ],
        },
      },
      collaborators: { [WRITER]: 'write' },
    });
    github.state.tokens.set('test-token', INSTALLATION_ID);
    model = await startScriptedModel();
    configDir = pricedConfigDir();
    // The fixture has no CI: a run ends (needs-work, unverified) at its first look at CI, right after it pushed.
    harness = await appHarness({
      knex: testDb.db.knex,
      modelUrl: model.url,
      baseUrl: github.apiUrl,
      configDir,
      rateLimitFloor: FLOOR,
      ci: { graceMs: 0 },
    });
  });

  afterAll(async () => {
    await harness?.close();
    await Promise.all([github?.close(), model?.close()]);
    await testDb?.drop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  const plan = (issueNumber: number) => {
    const written = github.addComment(REPO, issueNumber, { body: '/aos plan', user: WRITER });
    return { comment: written, payload: github.issueCommentCreated(REPO, written, INSTALLATION_ID) as unknown as Record<string, unknown> };
  };
  const runOf = async (issueNumber: number) =>
    (await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture', issueNumber, limit: 1 }))[0]!;
  const recorded = async (runId: string) =>
    (await harness.agent.ledger.readEvents(runId))
      .filter((event) => event.type === 'github.requests')
      .map((event) => event.payload as { total: number; by_kind: Record<string, number>; rate_limit_remaining: number | null });

  it('records in the ledger exactly the requests the double answered for the run, by kind', async () => {
    const before = github.requests.length;
    await harness.receive('issue_comment', plan(1).payload);
    const answered = github.requests.slice(before).filter((request) => request.auth === 'installation');
    const run = await runOf(1);
    expect(run.status).toBe('completed');
    // One count for the command job, one for the look at CI that ended the run.
    const [count, ci, ...more] = await recorded(run.id);
    expect(more).toEqual([]);
    expect(ci!.total).toBeGreaterThan(0);
    expect(count!.total + ci!.total).toBe(answered.length);
    for (const job of [count!, ci!]) expect(Object.values(job.by_kind).reduce((sum, n) => sum + n, 0)).toBe(job.total);
    const ofKind = (kind: string) => (count!.by_kind[kind] ?? 0) + (ci!.by_kind[kind] ?? 0);
    expect(ofKind('git')).toBe(answered.filter((request) => request.path.includes('/git/')).length);
    expect(ofKind('pulls')).toBe(answered.filter((request) => /\/pulls(\/|$)/.test(request.path)).length);
    expect(ci!.rate_limit_remaining).toBe(github.state.rateLimit.remaining);
  });

  it('waits below the floor with a status comment that says so, and runs once the window has reset', async () => {
    github.state.rateLimit.remaining = 120;
    github.state.rateLimit.resetAt = Date.now() + 1_000;
    const { comment, payload } = plan(2);
    await harness.receive('issue_comment', payload);
    const waiting = await runOf(2);
    expect(waiting.status).toBe('queued');
    const status = github
      .repo(REPO)
      .comments.filter((candidate) => candidate.issueNumber === 2 && candidate.body.includes('<!-- aos:run:'));
    expect(status).toHaveLength(1);
    expect(status[0]!.body).toContain("⏳ **Waiting for GitHub's rate limit.** This installation has 1");
    expect(status[0]!.body).toContain(`aos keeps ${FLOOR} for your other checks and commands`);
    expect(Object.keys(github.repo(REPO).branches).filter((name) => name.startsWith('aos/issue-2-'))).toEqual([]);

    // The window resets; the job that went back on the queue takes the run on.
    github.state.rateLimit.remaining = 5000;
    await github.until(
      'the waiting run to finish',
      () => github.state.reactions.some((reaction) => reaction.commentId === comment.id && reaction.content === 'rocket'),
      60_000,
    );
    await harness.idle();
    const finished = await runOf(2);
    expect(finished.id).toBe(waiting.id);
    expect(finished.status).toBe('completed');
    expect(
      github.repo(REPO).comments.filter((candidate) => candidate.issueNumber === 2 && candidate.body.includes('<!-- aos:run:')),
    ).toHaveLength(1);
    // One count for the job that waited, one for the job that ran, one for the look at CI.
    expect(await recorded(finished.id)).toHaveLength(3);
  });
});
