import { describe, expect, it } from 'vitest';
import { openPullRequest, type OpenPullRequestOptions } from '#src/app/github/open-pull-request.ts';
import { findLiveMarkdown, HOSTILE_TEXT } from '../../../helpers/live-markdown.ts';
import { github, target } from './github-test-octokit.ts';

type Body = Record<string, unknown>;

const PLAN = {
  summary: 'Make the parser accept CRLF. Also fixes #12 and pings @octo/everyone.',
  steps: ['Normalise line endings', 'Add a test'],
  acceptance_criteria: ['CRLF input parses like LF input'],
};
const TRAJECTORY = [
  { node: 'planner', durationMs: 1200, costEur: 0.0042, summary: 'planned 2 steps' },
  { node: 'coder', durationMs: 3400, costEur: 0.0311, summary: 'edited a | b\n</details> <b>x</b>' },
];

function options(overrides: Partial<OpenPullRequestOptions> = {}): OpenPullRequestOptions {
  return {
    ...target(),
    head: 'aos/issue-7-abc',
    base: 'main',
    issueNumber: 7,
    title: 'Accept CRLF',
    plan: PLAN,
    trajectory: TRAJECTORY,
    draft: true,
    requestReviewFrom: 'alice',
    labels: [],
    ...overrides,
  };
}

const PULL = { number: 42, node_id: 'PR_kwDO42', html_url: 'https://github.com/octo/demo/pull/42' };

describe('openPullRequest', () => {
  it('opens a draft with Fixes, the plan and a collapsed trajectory, labels it and survives a refused review request', async () => {
    let body = '';
    github()
      .post('/repos/octo/demo/pulls', (b: Body) => {
        body = String(b.body);
        return b.head === 'aos/issue-7-abc' && b.base === 'main' && b.title === 'Accept CRLF' && b.draft === true;
      })
      .reply(201, { ...PULL, draft: true })
      .post('/repos/octo/demo/issues/42/labels', { labels: ['aos', 'aos:needs-work', 'bug'] })
      .reply(200, [])
      .post('/repos/octo/demo/pulls/42/requested_reviewers', { reviewers: ['alice'] })
      .reply(422, { message: 'Review cannot be requested from pull request author.' });

    const opened = await openPullRequest(options({ labels: ['bug', 'aos'] }));

    expect(opened).toMatchObject({ number: 42, nodeId: 'PR_kwDO42', draft: true, labels: ['aos', 'aos:needs-work', 'bug'] });
    expect(opened.reviewRequest).toEqual({ status: 'refused', reason: expect.stringContaining('pull request author') });
    expect(body.startsWith('Fixes #7\n')).toBe(true);
    expect(body).toContain('Make the parser accept CRLF.');
    expect(body).toContain('1. Normalise line endings\n2. Add a test');
    expect(body).toContain('- CRLF input parses like LF input');
    // Model text can neither close another issue nor mention anyone.
    expect(body).toContain('f\u200Bixes #\u200B12');
    expect(body).toContain('@\u200Bocto/everyone');
    expect(body).toMatch(/<details><summary>Trajectory: 2 steps, €0\.0353<\/summary>/);
    expect(body).toContain('| 1 | planner | 1.2 s | €0.0042 | planned 2 steps |');
    expect(body).toContain('| 2 | coder | 3.4 s | €0.0311 | edited a \\| b<br><\u200B/details> <\u200Bb>x<\u200B/b> |');
    expect(body.match(/<\/details>/g)).toHaveLength(1);
  });

  it('opens a ready pull request with aos:ready and requests a review', async () => {
    github()
      .post('/repos/octo/demo/pulls', (b: Body) => b.draft === false)
      .reply(201, { ...PULL, draft: false })
      .post('/repos/octo/demo/issues/42/labels', { labels: ['aos', 'aos:ready'] })
      .reply(200, [])
      .post('/repos/octo/demo/pulls/42/requested_reviewers', { reviewers: ['alice'] })
      .reply(201, {});

    const opened = await openPullRequest(options({ draft: false }));
    expect(opened).toMatchObject({ draft: false, labels: ['aos', 'aos:ready'], reviewRequest: { status: 'requested' } });
  });

  it('falls back to a ready pull request where drafts are not allowed, and skips the review request when nobody is named', async () => {
    const { requestReviewFrom: _omit, ...withoutReviewer } = options();
    github()
      .post('/repos/octo/demo/pulls', (b: Body) => b.draft === true)
      .reply(422, { message: 'Draft pull requests are not supported in this repository.' })
      .post('/repos/octo/demo/pulls', (b: Body) => b.draft === false)
      .reply(201, { ...PULL, draft: false })
      .post('/repos/octo/demo/issues/42/labels', { labels: ['aos', 'aos:needs-work'] })
      .reply(200, []);

    const opened = await openPullRequest(withoutReviewer);
    expect(opened).toMatchObject({ draft: false, labels: ['aos', 'aos:needs-work'], reviewRequest: { status: 'skipped' } });
  });

  it('sends a title and a body in which nothing from the model or the issue is live', async () => {
    let sent: Body = {};
    github()
      .post('/repos/octo/demo/pulls', (b: Body) => ((sent = b), true))
      .reply(201, { ...PULL, draft: true })
      .post('/repos/octo/demo/issues/42/labels')
      .reply(200, []);
    const hostile = {
      summary: HOSTILE_TEXT,
      steps: [HOSTILE_TEXT, 'Keep [the parser](src/parse.ts) and [its docs](https://github.com/octo/demo/blob/main/docs/parse.md)'],
      acceptance_criteria: [HOSTILE_TEXT],
    };
    const { requestReviewFrom: _omit, ...rest } = options({
      title: 'Fixes #3 for @octo/everyone <img src=https://attacker.example/?d=1>',
      plan: hostile,
      trajectory: [{ node: 'coder', durationMs: 1, costEur: 0, summary: HOSTILE_TEXT }],
    });

    await openPullRequest(rest);

    const body = String(sent.body);
    const own = {
      ownRepoUrl: 'https://github.com/octo/demo',
      ownIssue: 7,
      allowedReferences: ['Fixes #7'],
      allowedTags: ['<details>', '</details>', '<summary>', '</summary>', '<br>'],
    };
    expect(findLiveMarkdown(body, own)).toEqual([]);
    expect(findLiveMarkdown(String(sent.title))).toEqual([]);
    // aos's own line stays live, and so do links to the repository's own files.
    expect(body.startsWith('Fixes #7\n')).toBe(true);
    expect(body).toContain('[the parser](src/parse.ts)');
    expect(body).toContain('[its docs](https://github.com/octo/demo/blob/main/docs/parse.md)');
    expect(body.match(/<details>/g)).toHaveLength(1);
  });

  it('throws on other failures', async () => {
    github().post('/repos/octo/demo/pulls').reply(422, { message: 'No commits between main and aos/issue-7-abc' });
    await expect(openPullRequest(options())).rejects.toMatchObject({ status: 422 });
  });
});
