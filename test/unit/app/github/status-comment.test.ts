import { describe, expect, it } from 'vitest';
import { renderStatusComment, upsertStatusComment } from '#src/app/github/status-comment.ts';
import { findLiveMarkdown, HOSTILE_TEXT } from '../../../helpers/live-markdown.ts';
import { github, target } from './github-test-octokit.ts';

const PHASES = [
  { node: 'planner', state: 'done' },
  { node: 'coder', state: 'running' },
  { node: 'critic', state: 'pending' },
  { node: 'qa', state: 'pending' },
  { node: 'approver', state: 'pending' },
] as const;

const MARKER = '<!-- aos:run:run-abc -->';
const bot = { login: 'aos[bot]', type: 'Bot' };
const human = { login: 'mallory', type: 'User' };

describe('renderStatusComment', () => {
  it('starts with the hidden marker and shows phases, cost, budget and the run page', () => {
    const body = renderStatusComment({
      runId: 'run-abc',
      phases: [...PHASES],
      costEur: 0.0123,
      budgetLeftEur: 4.5,
      runPageUrl: 'https://aos.example.eu/aos/runs/run-abc?sig=a(b)',
      message: 'Opened #42. <!-- aos:run:other -->',
    });
    expect(body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(body).toContain('- ✅ planner: done\n- ⏳ coder: running\n- ⬜ critic: pending');
    expect(body).toContain('Cost so far: **€0.0123** · budget left: **€4.50**');
    expect(body).toContain('[Run page](https://aos.example.eu/aos/runs/run-abc?sig=a%28b%29)');
    // A message cannot carry a second marker.
    expect(body.match(/<!-- aos:run:/g)).toHaveLength(1);
  });

  it('shows the outcome, drops a link that is not http(s), and refuses a run id that could break the marker', () => {
    const body = renderStatusComment({
      runId: 'r1',
      phases: [{ node: 'planner', state: 'failed' }],
      costEur: 0,
      budgetLeftEur: 0,
      outcome: 'failed',
      runPageUrl: 'javascript:alert(1)',
    });
    expect(body).toContain('😕 **Run failed.**');
    expect(body).toContain('- ❌ planner: failed');
    expect(body).not.toContain('Run page');
    expect(() => renderStatusComment({ runId: 'x --> y', phases: [], costEur: 0, budgetLeftEur: 0 })).toThrow(
      /cannot go into a comment marker/,
    );
  });
});

describe('upsertStatusComment', () => {
  const body = `${MARKER}\nstatus`;

  it('sends a status comment in which nothing of the message is live but aos’s marker and its link to the pull request', async () => {
    let sent = '';
    github()
      .get('/repos/octo/demo/issues/7/comments')
      .query({ per_page: '100' })
      .reply(200, [])
      .post('/repos/octo/demo/issues/7/comments', (b: { body: string }) => ((sent = b.body), true))
      .reply(201, { id: 11 });
    const message = `Opened https://github.com/octo/demo/pull/8 (needs-work). No pull request was opened:\n- ${HOSTILE_TEXT}`;
    const rendered = renderStatusComment({
      runId: 'run-abc',
      phases: [...PHASES],
      costEur: 0,
      budgetLeftEur: 1,
      outcome: 'failed',
      message,
      repository: { origin: 'https://github.com', owner: 'octo', repo: 'demo' },
    });

    await upsertStatusComment({ ...target(), issueNumber: 7, runId: 'run-abc', body: rendered });

    expect(sent.startsWith(`${MARKER}\n`)).toBe(true);
    expect(findLiveMarkdown(sent, { ownRepoUrl: 'https://github.com/octo/demo' })).toEqual([]);
    expect(sent).toContain('Opened https://github.com/octo/demo/pull/8 (needs-work).');
  });

  it('finds the marker on a later page and edits that comment', async () => {
    github()
      .get('/repos/octo/demo/issues/7/comments')
      .query({ per_page: '100' })
      .reply(
        200,
        [
          { id: 1, user: human, body: `${MARKER}\nfake` },
          { id: 2, user: bot, body: '<!-- aos:run:other -->' },
        ],
        { link: '<https://api.github.com/repos/octo/demo/issues/7/comments?per_page=100&page=2>; rel="next"' },
      )
      .get('/repos/octo/demo/issues/7/comments')
      .query({ per_page: '100', page: '2' })
      .reply(200, [{ id: 3, user: bot, body: `${MARKER}\nold` }])
      .patch('/repos/octo/demo/issues/comments/3', { body })
      .reply(200, { id: 3 });
    expect(await upsertStatusComment({ ...target(), issueNumber: 7, runId: 'run-abc', body })).toBe(3);
  });

  it('creates the comment when there is none, adding the marker if the body lacks it', async () => {
    github()
      .get('/repos/octo/demo/issues/7/comments')
      .query({ per_page: '100' })
      .reply(200, [{ id: 1, user: human, body: 'hello' }])
      .post('/repos/octo/demo/issues/7/comments', { body: `${MARKER}\nstatus` })
      .reply(201, { id: 10 });
    expect(await upsertStatusComment({ ...target(), issueNumber: 7, runId: 'run-abc', body: 'status' })).toBe(10);
  });

  it('edits a known comment without searching, and searches when it is gone', async () => {
    github().patch('/repos/octo/demo/issues/comments/55', { body }).reply(200, { id: 55 });
    expect(await upsertStatusComment({ ...target(), issueNumber: 7, runId: 'run-abc', body, commentId: 55 })).toBe(55);

    github()
      .patch('/repos/octo/demo/issues/comments/55')
      .reply(404, { message: 'Not Found' })
      .get('/repos/octo/demo/issues/7/comments')
      .query({ per_page: '100' })
      .reply(200, [])
      .post('/repos/octo/demo/issues/7/comments', { body })
      .reply(201, { id: 56 });
    expect(await upsertStatusComment({ ...target(), issueNumber: 7, runId: 'run-abc', body, commentId: 55 })).toBe(56);
  });
});
