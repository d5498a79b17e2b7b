import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_FILES, FIXTURE_TASK } from '../../helpers/agent-fixture.ts';
import type { appHarness } from '../../helpers/app-harness.ts';
import type { GithubDouble } from '../../helpers/github-double/index.ts';
import { startAppScenario } from '../../helpers/app-scenario.ts';

const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';

describe('correlation ids on the JSON log lines of a /aos plan delivery, its job and its run', () => {
  let scenario: Awaited<ReturnType<typeof startAppScenario>> | undefined;
  let github: GithubDouble;
  let harness: Awaited<ReturnType<typeof appHarness>>;

  beforeAll(async () => {
    scenario = await startAppScenario({
      repos: { [REPO]: { files: FIXTURE_FILES, issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }] } },
      collaborators: { [WRITER]: 'write' },
      installationId: INSTALLATION_ID,
    });
    ({ github, harness } = scenario);
  });

  afterAll(async () => {
    await scenario?.close();
  });

  it('every line after the webhook has a correlation id; the run lines carry run_id, node, installation_id and repo', async () => {
    const trigger = github.addComment(REPO, 1, { body: '/aos plan', user: WRITER });
    const payload = github.issueCommentCreated(REPO, trigger, INSTALLATION_ID);
    const deliveryId = 'correlation-delivery-1';
    const from = harness.logs.length;
    // What Probot's webhook middleware calls once the signature is checked.
    await harness.probot.webhooks.receive({ id: deliveryId, name: 'issue_comment', payload } as never);
    await harness.idle();
    const lines = harness.logs.slice(from);
    const [run] = await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture', issueNumber: 1 });
    // The command job ends with the run waiting for the repository's CI (no look at it comes within this test).
    expect(run?.status, JSON.stringify(lines.filter((line) => (line.level as number) >= 50))).toBe('running');
    expect(run?.ci?.phase).toBe('waiting');
    const runId = run!.id;

    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((line) => typeof line.correlation_id !== 'string' || line.correlation_id === '')).toEqual([]);

    const named = (msg: string) => lines.filter((line) => line.msg === msg);
    expect(named('webhook queued')).toEqual([
      expect.objectContaining({ correlation_id: deliveryId, delivery_id: deliveryId, event: 'issue_comment', job_type: 'command' }),
    ]);
    const jobFields = { correlation_id: deliveryId, delivery_id: deliveryId, installation_id: INSTALLATION_ID, repo: REPO };
    expect(named('job started')).toEqual([expect.objectContaining(jobFields)]);
    expect(named('job finished')).toEqual([expect.objectContaining(jobFields)]);

    // From the run's creation to the job's end, every line is the run's.
    const runStart = lines.findIndex((line) => line.msg === 'run started');
    const jobEnd = lines.findIndex((line) => line.msg === 'job finished');
    expect(runStart).toBeGreaterThan(lines.findIndex((line) => line.msg === 'job started'));
    const runLines = lines.slice(runStart, jobEnd);
    expect(runLines.length).toBeGreaterThan(10);
    const runFields = { correlation_id: runId, run_id: runId, delivery_id: deliveryId, installation_id: INSTALLATION_ID, repo: REPO };
    expect(runLines.filter((line) => !Object.entries(runFields).every(([key, value]) => line[key] === value))).toEqual([]);
    // No line outside the run claims it.
    expect(lines.filter((line, index) => (index < runStart || index >= jobEnd) && line.run_id !== undefined)).toEqual([]);

    const nodes = ['planner', 'coder', 'critic', 'qa', 'approver'];
    expect(named('node started').map((line) => line.node)).toEqual(nodes);
    expect(named('node completed').map((line) => line.node)).toEqual(nodes);
    const modelCalls = named('model call');
    expect(modelCalls.map((line) => line.node)).toEqual(['planner', 'coder', 'critic', 'qa']);
    expect(modelCalls.every((line) => line.run_id === runId && line.provider === 'local' && typeof line.cost_eur === 'number')).toBe(true);
    // Probot's GitHub request lines of the run are the run's too.
    const githubLines = runLines.filter((line) => String(line.msg).startsWith('GitHub request: '));
    expect(githubLines.length).toBeGreaterThan(5);
  }, 120_000);

  it('a redelivered webhook logs that it was ignored under its delivery id', async () => {
    const trigger = github.addComment(REPO, 1, { body: '/aos status', user: WRITER });
    const payload = github.issueCommentCreated(REPO, trigger, INSTALLATION_ID);
    await harness.probot.webhooks.receive({ id: 'correlation-delivery-2', name: 'issue_comment', payload } as never);
    await harness.idle();
    const from = harness.logs.length;
    await harness.probot.webhooks.receive({ id: 'correlation-delivery-2', name: 'issue_comment', payload } as never);
    await harness.idle();
    expect(harness.logs.slice(from)).toEqual([
      expect.objectContaining({ msg: 'duplicate delivery ignored', correlation_id: 'correlation-delivery-2', event: 'issue_comment' }),
    ]);
  }, 60_000);
});
