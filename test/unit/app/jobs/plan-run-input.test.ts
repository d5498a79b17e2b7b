import { describe, expect, it } from 'vitest';
import type { CommandJob } from '#src/app/jobs/job-types.ts';
import { planRunInput, type PlanRunFacts } from '#src/app/jobs/plan-run-input.ts';
import type { RepoSettings } from '#src/app/repo-settings/repo-settings-schema.ts';
import type { RunRecord } from '#src/state/run-store.ts';

const job: CommandJob = {
  type: 'command',
  deliveryId: 'd-1',
  installationId: 42,
  owner: 'acme',
  repo: 'widgets',
  number: 7,
  isPullRequest: false,
  commentId: 900,
  commentKind: 'issue_comment',
  body: '/aos plan',
  sender: { login: 'maintainer', type: 'User' },
};
const run = { id: 'run-1', instructions: 'keep it small', dryRun: true } as RunRecord;
const settings: RepoSettings = {
  maxIterations: 3,
  maxToolCalls: 5,
  denyGlobs: ['.github/workflows/**', 'vendor/**'],
  secretFiles: ['.env*', 'private/**'],
  draft: 'unless-ready',
  reviewers: [],
  budget: { dailyCapEur: 5, monthlyCapEur: 50 },
};
const facts = (overrides: Partial<PlanRunFacts> = {}): PlanRunFacts => ({
  job,
  run,
  repository: 'acme/widgets',
  issue: { title: 'Fix the widget', body: null },
  comments: [],
  settings,
  runDefaultCapEur: 2,
  ...overrides,
});
const comment = (id: number, login: string | null, body: string) => ({ id, user: login === null ? null : { login }, body });

describe('planRunInput', () => {
  it('gives the graph the comments of people only: no bot, not the command, no other /aos command, the last 30', () => {
    const comments = [
      comment(1, 'alice', 'The widget breaks on Mondays.'),
      comment(2, 'aos-app[bot]', 'Status: running'),
      comment(3, null, 'a ghost'),
      comment(900, 'maintainer', '/aos plan'),
      comment(4, 'bob', '  /AOS status'),
      ...Array.from({ length: 30 }, (_, index) => comment(100 + index, 'carol', `note ${index}`)),
    ];
    const { initialState } = planRunInput(facts({ comments }));
    expect(initialState.task.comments).toHaveLength(30);
    expect(initialState.task.comments[0]).toEqual({ author: 'carol', body: 'note 0' });
    const few = planRunInput(facts({ comments: comments.slice(0, 5) })).initialState.task.comments;
    expect(few).toEqual([{ author: 'alice', body: 'The widget breaks on Mondays.' }]);
  });

  it("starts from the issue, the run's instructions and the repository's settings", () => {
    const { initialState, editPolicy } = planRunInput(facts());
    expect(initialState.task).toEqual({ title: 'Fix the widget', body: '', comments: [], instructions: 'keep it small' });
    expect(initialState.settings).toMatchObject({
      maxIterations: 3,
      maxToolCalls: 5,
      dryRun: true,
      extraDenyGlobs: ['.github/workflows/**', 'vendor/**'],
    });
    expect(editPolicy).toMatchObject({ denyGlobs: ['.github/workflows/**', 'vendor/**'], secretFiles: ['.env*', 'private/**'] });
  });

  it('charges the run, the installation and the repository, with the default run cap when the repository sets none', () => {
    expect(planRunInput(facts()).budget).toEqual({
      runId: 'run-1',
      runCapEur: 2,
      installation: { id: '42' },
      repository: { id: 'acme/widgets', dailyCapEur: 5, monthlyCapEur: 50 },
    });
    expect(planRunInput(facts({ settings: { ...settings, budget: { runCapEur: 0.5 } } })).budget.runCapEur).toBe(0.5);
  });
});
