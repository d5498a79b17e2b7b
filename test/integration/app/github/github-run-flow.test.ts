import { describe, expect, it } from 'vitest';
import { createOverlayWorkspace } from '#src/workspace/create-overlay-workspace.ts';
import { completeCheckRun, createCheckRun, AGENT_CHECK } from '#src/app/github/check-runs.ts';
import { commitChanges } from '#src/app/github/commit-changes.ts';
import { createGithubBase } from '#src/workspace/create-github-base.ts';
import { openPullRequest } from '#src/app/github/open-pull-request.ts';
import { postReview } from '#src/app/github/post-review.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '#src/policy/edit-guard/check-edit.ts';
import { github, target } from '../../../unit/app/github/github-test-octokit.ts';

type Body = Record<string, unknown>;

const BASE = 'ba5e000000000000000000000000000000000001';
const SOURCE = ['export function parse(text: string) {', '  return text.split("\\n");', '}', ''].join('\n');

describe('a run on GitHub, from base tree to review', () => {
  it('reads the base, commits the overlay, opens the pull request and reviews the lines it changed', async () => {
    const blobs: Body[] = [];
    let tree: Body = {};
    let review: Body = {};
    github()
      .get(`/repos/octo/demo/git/trees/${BASE}`)
      .query({ recursive: 'true' })
      .reply(200, { truncated: false, tree: [{ path: 'src/parse.ts', mode: '100755', type: 'blob', sha: 'b-parse', size: SOURCE.length }] })
      .get('/repos/octo/demo/git/blobs/b-parse')
      .reply(200, { encoding: 'base64', content: Buffer.from(SOURCE).toString('base64') })
      .post('/repos/octo/demo/git/blobs', (b: Body) => (blobs.push(b), true))
      .reply(201, { sha: 'b-new' })
      .get(`/repos/octo/demo/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: 't-base' } })
      // The commit reads the base tree's modes itself: the caller passes none.
      .get('/repos/octo/demo/git/trees/t-base')
      .query({ recursive: 'true' })
      .reply(200, { truncated: false, tree: [{ path: 'src/parse.ts', mode: '100755', type: 'blob', sha: 'b-parse', size: SOURCE.length }] })
      .post('/repos/octo/demo/git/trees', (b: Body) => ((tree = b), true))
      .reply(201, { sha: 't-new' })
      .post('/repos/octo/demo/git/commits', { message: 'aos: accept CRLF (#7)', tree: 't-new', parents: [BASE] })
      .reply(201, { sha: 'c-new' })
      .post('/repos/octo/demo/git/refs', { ref: 'refs/heads/aos/issue-7-r1', sha: 'c-new' })
      .reply(201, {})
      .post('/repos/octo/demo/pulls', (b: Body) => String(b.body).startsWith('Fixes #7') && b.draft === true)
      .reply(201, { number: 42, node_id: 'PR_42', html_url: 'https://github.com/octo/demo/pull/42', draft: true })
      .post('/repos/octo/demo/issues/42/labels', { labels: ['aos', 'aos:needs-work'] })
      .reply(200, [])
      .post('/repos/octo/demo/pulls/42/requested_reviewers', { reviewers: ['alice'] })
      .reply(201, {})
      .post('/repos/octo/demo/pulls/42/reviews', (b: Body) => ((review = b), true))
      .reply(200, { id: 900 })
      .post('/repos/octo/demo/check-runs', (b: Body) => b.name === AGENT_CHECK && b.head_sha === 'c-new' && b.status === 'in_progress')
      .reply(201, { id: 31 })
      .patch('/repos/octo/demo/check-runs/31', (b: Body) => b.conclusion === 'neutral' && b.status === 'completed')
      .reply(200, { id: 31 });

    const gh = target();
    const workspace = createOverlayWorkspace({ base: createGithubBase({ ...gh, commitSha: BASE }), policy: DEFAULT_EDIT_GUARD_POLICY });
    const [outcome] = await workspace.applyEdits([
      { kind: 'replace', path: 'src/parse.ts', search: '  return text.split("\\n");', replace: '  return text.split(/\\r?\\n/);' },
    ]);
    expect(outcome).toMatchObject({ ok: true });

    const commit = await commitChanges({
      ...gh,
      baseSha: BASE,
      branch: 'aos/issue-7-r1',
      message: 'aos: accept CRLF (#7)',
      changes: workspace.changedFiles(),
    });
    expect(commit).toBe('c-new');
    expect(blobs).toEqual([{ content: SOURCE.replace('split("\\n")', 'split(/\\r?\\n/)'), encoding: 'utf-8' }]);
    expect(tree).toEqual({ base_tree: 't-base', tree: [{ path: 'src/parse.ts', mode: '100755', type: 'blob', sha: 'b-new' }] });

    const pull = await openPullRequest({
      ...gh,
      head: 'aos/issue-7-r1',
      base: 'main',
      issueNumber: 7,
      title: 'Accept CRLF',
      plan: { summary: 'Split on CRLF too.', steps: ['Change the split'], acceptance_criteria: ['CRLF parses'] },
      trajectory: [{ node: 'coder', durationMs: 900, costEur: 0.01, summary: 'one edit' }],
      draft: true,
      requestReviewFrom: 'alice',
      labels: [],
    });
    expect(pull.reviewRequest).toEqual({ status: 'requested' });

    const diff = await workspace.diff();
    const posted = await postReview({
      ...gh,
      pullNumber: pull.number,
      commitSha: commit,
      diff,
      critic: { verdict: 'revise', summary: 'A lone CR still slips through.' },
      qa: null,
      costEur: 0.02,
      findings: [
        { path: 'src/parse.ts', line: 2, severity: 'major', message: 'Handle a lone \\r as well.' },
        { path: 'src/other.ts', line: 4, severity: 'minor', message: 'Same bug here.' },
      ],
    });
    expect(posted).toEqual({ reviewId: 900, inline: 1, outside: 1 });
    expect(review.comments).toEqual([{ path: 'src/parse.ts', line: 2, side: 'RIGHT', body: '**major**: Handle a lone \\r as well.' }]);
    expect(review.event).toBe('COMMENT');

    const check = await createCheckRun({ ...gh, headSha: commit, name: AGENT_CHECK });
    expect(
      await completeCheckRun({
        ...gh,
        checkRunId: check,
        conclusion: 'neutral',
        title: 'Needs work',
        summary: 'The critic asked for a revision.',
        annotations: [],
      }),
    ).toBe(1);
  });
});
