import { describe, expect, it } from 'vitest';
import { renderAgentCheck } from '#src/app/github/render-agent-check.ts';
import { findLiveMarkdown, HOSTILE_TEXT } from '../../../helpers/live-markdown.ts';

describe('renderAgentCheck', () => {
  it('concludes from the verdict and lists every reason as one inert line', () => {
    const check = renderAgentCheck({
      verdict: 'needs-work',
      reasons: [`The critic still asks for changes after 1 revision(s): ${HOSTILE_TEXT}`, 'QA did not run.'],
    });
    expect(check).toMatchObject({ conclusion: 'failure', title: 'Needs work' });
    const items = check.summary.split('\n');
    expect(items).toHaveLength(2);
    expect(items.every((item) => item.startsWith('- '))).toBe(true);
    expect(findLiveMarkdown(check.summary)).toEqual([]);
  });

  it('says ready, and says so when there are no reasons', () => {
    expect(renderAgentCheck({ verdict: 'ready', reasons: ['The critic passed the change and every QA check passed.'] })).toEqual({
      conclusion: 'success',
      title: 'Ready for review',
      summary: '- The critic passed the change and every QA check passed.',
    });
    expect(renderAgentCheck(null)).toEqual({ conclusion: 'failure', title: 'Needs work', summary: 'No reasons recorded.' });
  });
});
