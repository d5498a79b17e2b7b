import { describe, expect, it } from 'vitest';
import { react } from '#src/app/github/reactions.ts';
import { github, target } from './github-test-octokit.ts';

describe('react', () => {
  it('reacts to an issue comment and to a review comment', async () => {
    github()
      .post('/repos/octo/demo/issues/comments/5/reactions', { content: 'eyes' })
      .reply(201, { id: 1, content: 'eyes' })
      .post('/repos/octo/demo/pulls/comments/6/reactions', { content: 'rocket' })
      .reply(201, { id: 2, content: 'rocket' });
    expect(await react({ ...target(), commentId: 5, content: 'eyes' })).toBe(true);
    expect(await react({ ...target(), commentId: 6, content: 'rocket', commentKind: 'review' })).toBe(true);
  });

  it('returns false instead of throwing when GitHub refuses', async () => {
    github()
      .post('/repos/octo/demo/issues/comments/5/reactions', { content: 'confused' })
      .reply(403, { message: 'Resource not accessible by integration' });
    expect(await react({ ...target(), commentId: 5, content: 'confused' })).toBe(false);
  });
});
