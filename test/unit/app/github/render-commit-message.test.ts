import { describe, expect, it } from 'vitest';
import { renderCommitMessage } from '#src/app/github/render-commit-message.ts';
import { findLiveMarkdown } from '../../../helpers/live-markdown.ts';

describe('renderCommitMessage', () => {
  it('keeps aos’s own Fixes line live and nothing of the issue title', () => {
    const message = renderCommitMessage({
      title: 'Fixes #1, closes octo/other#2 for @org/team\nResolves: #3',
      issueNumber: 7,
      runId: 'run-1',
    });
    expect(message.endsWith('\n\nFixes #7\n\nRun run-1')).toBe(true);
    expect(message.split('\n')[0]).toBe(
      'aos: F\u200Bixes #\u200B1, c\u200Bloses octo/other#\u200B2 for @\u200Borg/team R\u200Besolves: #\u200B3',
    );
    expect(findLiveMarkdown(message, { ownIssue: 7, allowedReferences: ['Fixes #7'] })).toEqual([]);
  });
});
