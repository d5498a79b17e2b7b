import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, FIXTURE_TASK } from '../../helpers/agent-fixture.ts';
import { appHarness } from '../../helpers/app-harness.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { startGithubDouble, type GithubDouble } from '../../helpers/github-double/index.ts';
import { pricedConfigDir } from '../../helpers/priced-config-dir.ts';
import { completionBody } from '../../helpers/openai-double.ts';
import { httpAnswer, startScriptedModel } from '../../helpers/scripted-model.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

const CAPPED = 'octo/capped';
const VIEW = 'octo/view';
const LIAR = 'octo/liar';
const LIAR_DAILY_CAP_EUR = 0.05;
const INSTALLATION_ID = 42;
const VIEW_INSTALLATION_ID = 43;
const DAILY_CAP_EUR = 1;
const WRITER = 'alice';
const TRIAGER = 'tess';
const READER = 'rudy';

describe('money through the app: /aos revise under the repository caps, /aos budget for its own scopes only', () => {
  let testDb: TestDatabase;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let harness: Awaited<ReturnType<typeof appHarness>>;
  let configDir: string;

  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    github = await startGithubDouble({
      repos: {
        [CAPPED]: {
          files: { ...FIXTURE_FILES, '.github/aos.yml': `budget:\n  daily_cap_eur: ${DAILY_CAP_EUR}\n` },
          issues: [
            { title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER },
            { title: 'add() again', body: FIXTURE_TASK.body, user: WRITER },
          ],
        },
        [LIAR]: {
          files: { ...FIXTURE_FILES, '.github/aos.yml': `budget:\n  daily_cap_eur: ${LIAR_DAILY_CAP_EUR}\n` },
          issues: [
            { title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER },
            { title: 'add() again', body: FIXTURE_TASK.body, user: WRITER },
          ],
        },
        [VIEW]: {
          files: FIXTURE_FILES,
          issues: [{ title: 'Where does the money go?', body: 'How much has aos spent here?', user: WRITER }],
        },
      },
      collaborators: { [WRITER]: 'write', [TRIAGER]: 'triage', [READER]: 'read' },
    });
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

  const say = async (fullName: string, issueNumber: number, body: string, user = WRITER, installationId = INSTALLATION_ID) => {
    const written = github.addComment(fullName, issueNumber, { body, user });
    await harness.receive(
      'issue_comment',
      github.issueCommentCreated(fullName, written, installationId) as unknown as Record<string, unknown>,
    );
    return written;
  };
  const botComments = (fullName: string, issueNumber: number) =>
    github.repo(fullName).comments.filter((comment) => comment.issueNumber === issueNumber && comment.user.login === github.bot.login);
  const repositoryDay = async () =>
    (await harness.agent.guardian.getRemainingBudget({ repository: { id: CAPPED, dailyCapEur: DAILY_CAP_EUR } })).find(
      (row) => row.scope === 'repository' && row.period === 'day',
    )!;
  const runSpent = async (runId: string) =>
    (await harness.agent.guardian.getRemainingBudget({ runId })).find((row) => row.scope === 'run')!.spent;

  /** Charges `eur` to a scope the way a model call would (at €1 per 1,000 output tokens). */
  const seedSpend = async (eur: number, where: { installation: string; repository: string; repositoryDailyCapEur?: number }) => {
    const tokens = Math.round(eur * 1000);
    const reservation = await harness.agent.guardian.reserve(
      {
        provider: 'local',
        installation: { id: where.installation },
        repository: { id: where.repository, ...(where.repositoryDailyCapEur ? { dailyCapEur: where.repositoryDailyCapEur } : {}) },
      },
      {
        model: 'seed',
        task: 'coding',
        price: { inputPer1k: 0, outputPer1k: 1 },
        inputTokens: 0,
        desiredMaxTokens: tokens,
        minOutputTokens: 1,
      },
    );
    await harness.agent.guardian.settle(
      reservation.id,
      { inputTokens: 0, outputTokens: reservation.maxTokens },
      { installationId: where.installation, repository: where.repository },
    );
  };

  let pullNumber = 0;
  /** The repository's CI passes on the head the newest run of `issueNumber` waits on, which ends the run. */
  const passCi = async (fullName: string, issueNumber: number) => {
    const [owner, repo] = fullName.split('/') as [string, string];
    const [waiting] = await harness.agent.runStore.listRuns({ owner, repo, issueNumber, limit: 1 });
    const suite = github.completeCi(fullName, waiting!.headSha!, [{ name: 'test', conclusion: 'success' }], INSTALLATION_ID);
    await harness.receive('check_suite', suite as unknown as Record<string, unknown>);
  };

  it('a. /aos revise is counted against the repository daily cap, as /aos plan is', async () => {
    model.reset();
    await say(CAPPED, 1, '/aos plan');
    await passCi(CAPPED, 1);
    pullNumber = github.repo(CAPPED).pulls[0]!.number;
    const afterPlan = await repositoryDay();
    expect(afterPlan.spent).toBeGreaterThan(0);

    model.script({
      coder: () => answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a + b;', replace: 'return a + b; // sum' }]),
    });
    await say(CAPPED, pullNumber, '/aos revise');
    await passCi(CAPPED, pullNumber);
    const [revise] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'capped', issueNumber: pullNumber });
    expect(revise).toMatchObject({ kind: 'revise', status: 'completed' });
    const cost = await runSpent(revise!.id);
    expect(cost).toBeGreaterThan(0);
    expect((await repositoryDay()).spent).toBeCloseTo(afterPlan.spent + cost, 10);
    const spend = await testDb.db.knex('spend').where({ run_id: revise!.id });
    expect(spend.length).toBeGreaterThan(0);
    expect(
      spend.every(
        (row: { repository: string; installation_id: string }) =>
          row.repository === CAPPED && row.installation_id === String(INSTALLATION_ID),
      ),
    ).toBe(true);
  });

  it('b. a repository daily cap that refuses /aos plan refuses /aos revise too, before any model call', async () => {
    expect(pullNumber).toBeGreaterThan(0);
    // Someone else's run in this repository used the rest of today's cap.
    await seedSpend(DAILY_CAP_EUR - (await repositoryDay()).spent, {
      installation: String(INSTALLATION_ID),
      repository: CAPPED,
      repositoryDailyCapEur: DAILY_CAP_EUR,
    });
    expect((await repositoryDay()).remaining).toBeLessThan(0.001);
    const before = model.requests.length;

    await say(CAPPED, pullNumber, '/aos revise');
    expect(model.requests.length).toBe(before);
    const reply = botComments(CAPPED, pullNumber).at(-1)!;
    expect(reply.body).toContain(`Budget exceeded: the repository ${CAPPED} daily cap is €1.00`);

    await say(CAPPED, 2, '/aos plan');
    expect(model.requests.length).toBe(before);
    const status = botComments(CAPPED, 2).find((comment) => comment.body.includes('<!-- aos:run:'))!;
    expect(status.body).toContain(`Budget exceeded: the repository ${CAPPED} daily cap is €1.00`);
  });

  it('c. /aos budget by a read-only user: a short refusal, no figures', async () => {
    await seedSpend(1.23, { installation: String(VIEW_INSTALLATION_ID), repository: VIEW });
    const before = botComments(VIEW, 1).length;
    await say(VIEW, 1, '/aos budget', READER, VIEW_INSTALLATION_ID);
    const replies = botComments(VIEW, 1).slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain(`@${READER}`);
    expect(replies[0]!.body).toContain('you have read permission');
    expect(replies[0]!.body).not.toMatch(/€/);
  });

  it('d. /aos budget by a triage user shows its own installation and repository, and nobody else’s spend', async () => {
    await seedSpend(3.33, { installation: String(VIEW_INSTALLATION_ID), repository: 'octo/elsewhere' });
    await seedSpend(7.77, { installation: '7', repository: 'other/thing' });
    const before = botComments(VIEW, 1).length;
    await say(VIEW, 1, '/aos budget', TRIAGER, VIEW_INSTALLATION_ID);
    const replies = botComments(VIEW, 1).slice(before);
    expect(replies).toHaveLength(1);
    const body = replies[0]!.body;
    // This repository, today and this month; its installation as one total.
    expect(body).toContain(`| repository ${VIEW} today | €1.23 |`);
    expect(body).toContain(`| repository ${VIEW} this month | €1.23 |`);
    expect(body).toContain(`| installation ${VIEW_INSTALLATION_ID} today | €4.56 |`);
    for (const foreign of ['7.77', '3.33', 'other/thing', 'octo/elsewhere', CAPPED, 'global']) expect(body).not.toContain(foreign);
    // Not the sum over every installation either.
    expect(body).not.toContain('12.33');
  });

  it('e. a model server reporting prompt_tokens: -50000000: the run stops, it is charged its full reservation, no refund, and the cap holds for the next run', async () => {
    model.reset();
    model.script({
      planner: () =>
        httpAnswer({
          status: 200,
          body: completionBody(
            JSON.stringify(answers.plan()),
            { prompt_tokens: -50_000_000, completion_tokens: 30 },
            'Qwen/Qwen2.5-Coder-32B-Instruct',
          ),
        }),
    });
    const liarDay = async () =>
      (await harness.agent.guardian.getRemainingBudget({ repository: { id: LIAR, dailyCapEur: LIAR_DAILY_CAP_EUR } })).find(
        (row) => row.scope === 'repository' && row.period === 'day',
      )!;
    const before = model.requests.length;
    await say(LIAR, 1, '/aos plan');
    expect(model.requests.slice(before).map((request) => request.node)).toEqual(['planner']);
    const [status] = botComments(LIAR, 1).filter((comment) => comment.body.includes('<!-- aos:run:'));
    expect(status!.body).toContain('prompt_tokens is -50000000');
    expect(github.repo(LIAR).pulls).toEqual([]);

    const [run] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'liar', issueNumber: 1 });
    const [spend] = await testDb.db.knex('spend').where({ run_id: run!.id });
    expect(spend).toMatchObject({ outcome: 'usage_refused', repository: LIAR });
    expect(Number(spend.cost_eur)).toBe(Number(spend.reserved_eur));
    const day = await liarDay();
    expect(day.spent).toBe(Number(spend.reserved_eur));
    expect(day.spent).toBeGreaterThan(LIAR_DAILY_CAP_EUR * 0.99);

    model.reset();
    await say(LIAR, 2, '/aos plan');
    expect(model.requests.length).toBe(before + 1);
    const [refused] = botComments(LIAR, 2).filter((comment) => comment.body.includes('<!-- aos:run:'));
    expect(refused!.body).toContain(`Budget exceeded: the repository ${LIAR} daily cap is €0.05`);
    expect((await liarDay()).spent).toBe(day.spent);
  });
});
