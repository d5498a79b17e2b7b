import { describe, expect, it } from 'vitest';
import { updatePullRequestVerdict } from '#src/app/github/update-pull-request-verdict.ts';
import { github, target } from './github-test-octokit.ts';

type Body = Record<string, unknown>;

describe('updatePullRequestVerdict', () => {
  it('swaps needs-work for ready and marks the draft ready for review over GraphQL', async () => {
    github()
      .get('/repos/octo/demo/pulls/42')
      .reply(200, { number: 42, node_id: 'PR_kwDO42', draft: true, labels: [{ name: 'aos' }, { name: 'aos:needs-work' }] })
      .delete('/repos/octo/demo/issues/42/labels/aos%3Aneeds-work')
      .reply(200, [{ name: 'aos' }])
      .post('/repos/octo/demo/issues/42/labels', { labels: ['aos:ready'] })
      .reply(200, [])
      .post('/graphql', (b: Body) => String(b.query).includes('markPullRequestReadyForReview') && (b.variables as Body).id === 'PR_kwDO42')
      .reply(200, { data: { markPullRequestReadyForReview: { pullRequest: { isDraft: false } } } });

    expect(await updatePullRequestVerdict({ ...target(), pullNumber: 42, verdict: 'ready' })).toEqual({
      removedLabels: ['aos:needs-work'],
      addedLabel: 'aos:ready',
      markedReady: true,
    });
  });

  it('puts needs-work on a ready pull request without turning it back into a draft', async () => {
    github()
      .get('/repos/octo/demo/pulls/42')
      .reply(200, { number: 42, node_id: 'PR_kwDO42', draft: false, labels: [{ name: 'aos' }, { name: 'aos:ready' }] })
      .delete('/repos/octo/demo/issues/42/labels/aos%3Aready')
      .reply(404, { message: 'Label does not exist' })
      .post('/repos/octo/demo/issues/42/labels', { labels: ['aos:needs-work'] })
      .reply(200, []);

    expect(await updatePullRequestVerdict({ ...target(), pullNumber: 42, verdict: 'needs-work' })).toEqual({
      removedLabels: [],
      addedLabel: 'aos:needs-work',
      markedReady: false,
    });
  });

  it('changes nothing when the verdict label is already there and the pull request is ready', async () => {
    github()
      .get('/repos/octo/demo/pulls/42')
      .reply(200, { number: 42, node_id: 'PR_kwDO42', draft: false, labels: [{ name: 'aos:ready' }] });
    expect(await updatePullRequestVerdict({ ...target(), pullNumber: 42, verdict: 'ready' })).toEqual({
      removedLabels: [],
      addedLabel: null,
      markedReady: false,
    });
  });
});
