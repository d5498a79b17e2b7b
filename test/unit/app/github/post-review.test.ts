import { describe, expect, it } from 'vitest';
import type { Finding } from '#src/agents/agent-schemas.ts';
import type { FileDiff } from '#src/agents/workspace-types.ts';
import { placeFindings } from '#src/app/github/place-findings.ts';
import { postReview, type PostReviewOptions } from '#src/app/github/post-review.ts';
import { findLiveMarkdown, HOSTILE_TEXT } from '../../../helpers/live-markdown.ts';
import { github, target } from './github-test-octokit.ts';

type Body = Record<string, unknown>;

const HEAD = 'feed000000000000000000000000000000000042';
// src/parse.ts: lines 10..14 of the new file are in the hunk; 12 and 13 are added.
const DIFF: FileDiff[] = [
  {
    path: 'src/parse.ts',
    status: 'modified',
    additions: 2,
    deletions: 1,
    hunks: [{ oldStart: 10, oldLines: 4, newStart: 10, newLines: 5, lines: [' a', ' b', '-c', '+C1', '+C2', ' d'], addedLines: [12, 13] }],
  },
  {
    path: 'gone.ts',
    status: 'deleted',
    additions: 0,
    deletions: 1,
    hunks: [{ oldStart: 1, oldLines: 1, newStart: 0, newLines: 0, lines: ['-x'], addedLines: [] }],
  },
];

const finding = (path: string, line: number, message: string, severity: Finding['severity'] = 'major'): Finding => ({
  path,
  line,
  severity,
  message,
});

function options(findings: Finding[]): PostReviewOptions {
  return {
    ...target(),
    pullNumber: 42,
    commitSha: HEAD,
    diff: DIFF,
    critic: { verdict: 'revise', summary: 'Handles CRLF but misses a lone CR.' },
    qa: {
      passed: false,
      checks: [
        { name: 'tests', passed: true, evidence: '12 passed' },
        { name: 'criterion | CR', passed: false, evidence: 'no test\nfor a lone CR' },
      ],
    },
    costEur: 0.042,
    findings,
  };
}

describe('postReview', () => {
  it('posts one COMMENT review: inline on diff lines, the rest in the body', async () => {
    let sent: Body = {};
    github()
      .post('/repos/octo/demo/pulls/42/reviews', (b: Body) => ((sent = b), true))
      .reply(200, { id: 901 });

    const posted = await postReview(
      options([
        finding('src/parse.ts', 12, 'Lone CR is not handled.', 'blocker'),
        finding('src/parse.ts', 10, 'Context line, still commentable.', 'nit'),
        finding('src/parse.ts', 40, 'Unrelated helper duplicates this logic.'),
        finding('gone.ts', 1, 'Deleted file.'),
        finding('README.md', 0, 'Document CRLF support.', 'minor'),
      ]),
    );

    expect(posted).toEqual({ reviewId: 901, inline: 2, outside: 3 });
    expect(sent.event).toBe('COMMENT');
    expect(sent.commit_id).toBe(HEAD);
    expect(sent.comments).toEqual([
      { path: 'src/parse.ts', line: 12, side: 'RIGHT', body: '**blocker**: Lone CR is not handled.' },
      { path: 'src/parse.ts', line: 10, side: 'RIGHT', body: '**nit**: Context line, still commentable.' },
    ]);
    const body = String(sent.body);
    expect(body).toContain('**Critic:** 🔁 revise');
    expect(body).toContain('Handles CRLF but misses a lone CR.');
    expect(body).toContain('**QA:** ❌ failed');
    expect(body).toContain('| tests | ✅ | 12 passed |');
    expect(body).toContain('| criterion \\| CR | ❌ | no test<br>for a lone CR |');
    expect(body).toContain('€0.0420');
    expect(body).toContain('#### Findings outside the diff');
    expect(body).toContain('- **major** `src/parse.ts:40`: Unrelated helper duplicates this logic.');
    expect(body).toContain('- **major** `gone.ts:1`: Deleted file.');
    expect(body).toContain('- **minor** `README.md`: Document CRLF support.');
  });

  it('sends a review body and inline comments in which nothing from the model is live', async () => {
    let sent: Body = {};
    github()
      .post('/repos/octo/demo/pulls/42/reviews', (b: Body) => ((sent = b), true))
      .reply(200, { id: 904 });
    const hostile = options([
      finding('src/parse.ts', 12, HOSTILE_TEXT),
      finding('src/`@x`.ts', 0, HOSTILE_TEXT),
      finding('src/parse.ts', 40, `see [the helper](https://github.com/octo/demo/blob/main/src/parse.ts) ${HOSTILE_TEXT}`),
    ]);

    await postReview({
      ...hostile,
      critic: { verdict: 'revise', summary: HOSTILE_TEXT },
      qa: { passed: false, checks: [{ name: HOSTILE_TEXT, passed: false, evidence: HOSTILE_TEXT }] },
    });

    const body = String(sent.body);
    expect(findLiveMarkdown(body, { ownRepoUrl: 'https://github.com/octo/demo', allowedTags: ['<br>'] })).toEqual([]);
    expect(body).toContain('[the helper](https://github.com/octo/demo/blob/main/src/parse.ts)');
    const inline = sent.comments as Array<{ body: string }>;
    expect(inline).toHaveLength(1);
    expect(findLiveMarkdown(inline[0]!.body, { ownRepoUrl: 'https://github.com/octo/demo' })).toEqual([]);
  });

  it('caps inline comments at 50 and moves the rest to the body', async () => {
    const many = Array.from({ length: 60 }, (_, i) => finding('src/parse.ts', 12, `issue ${i}`));
    let sent: Body = {};
    github()
      .post('/repos/octo/demo/pulls/42/reviews', (b: Body) => ((sent = b), true))
      .reply(200, { id: 902 });
    expect(await postReview(options(many))).toEqual({ reviewId: 902, inline: 50, outside: 10 });
    expect(sent.comments).toHaveLength(50);
    expect(String(sent.body)).toContain('issue 59');
  });

  it('posts the review again with every finding in the body when GitHub refuses a position', async () => {
    const bodies: Body[] = [];
    github()
      .post('/repos/octo/demo/pulls/42/reviews', (b: Body) => (bodies.push(b), (b.comments as unknown[]).length === 1))
      .reply(422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] })
      .post(
        '/repos/octo/demo/pulls/42/reviews',
        (b: Body) => (bodies.push(b), (b.comments as unknown[]).length === 0 && b.event === 'COMMENT'),
      )
      .reply(200, { id: 903 });
    expect(await postReview(options([finding('src/parse.ts', 13, 'Off by one.')]))).toEqual({ reviewId: 903, inline: 0, outside: 1 });
    expect(String(bodies.at(-1)?.body)).toContain('`src/parse.ts:13`: Off by one.');
  });
});

describe('placeFindings', () => {
  it('puts the most severe first, drops duplicates and never places a line outside every hunk', () => {
    const placed = placeFindings(
      [
        finding('src/parse.ts', 11, 'a', 'nit'),
        finding('src/parse.ts', 13, 'b', 'blocker'),
        finding('src/parse.ts', 13, 'b', 'blocker'),
        finding('src/parse.ts', 15, 'c'),
        finding('src/parse.ts', 9, 'd'),
      ],
      DIFF,
    );
    expect(placed.inline.map((c) => c.line)).toEqual([13, 11]);
    expect(placed.outside.map((f) => f.line)).toEqual([15, 9]);
  });
});
