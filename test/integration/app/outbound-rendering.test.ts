import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, reply } from '../../helpers/agent-fixture.ts';
import { appHarness } from '../../helpers/app-harness.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { startGithubDouble, type GithubDouble } from '../../helpers/github-double/index.ts';
import { findLiveMarkdown, HOSTILE_TEXT } from '../../helpers/live-markdown.ts';
import { startOpenAiDouble } from '../../helpers/openai-double.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
const Z = '\u200B';
const HOSTILE_TITLE = 'Fixes #2 for @octo/everyone: add() <img src=https://attacker.example/t.png?d=1> subtracts';

/** Every string in a request body, with where it was. */
function strings(value: unknown, where: string): Array<{ where: string; text: string }> {
  if (typeof value === 'string') return [{ where, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${where}[${index}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, `${where}.${key}`));
  return [];
}

/** Which node asks: the model double answers each from the script below. */
function nodeOf(body: Record<string, unknown>): string {
  const system = String(
    ((body.messages ?? []) as Array<{ role: string; content: unknown }>).find((message) => message.role === 'system')?.content ?? '',
  );
  return /^You are the (planner|coder|critic|QA)/.exec(system)?.[1] ?? 'unknown';
}

describe('everything aos writes to GitHub from a hostile model answer is inert', () => {
  let testDb: TestDatabase;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startOpenAiDouble>>;
  let harness: Awaited<ReturnType<typeof appHarness>>;
  let coderCalls = 0;

  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    github = await startGithubDouble({
      repos: {
        [REPO]: {
          files: { ...FIXTURE_FILES, '.github/aos.yml': 'max_iterations: 1\n' },
          issues: [
            { title: HOSTILE_TITLE, body: 'add(2, 3) returns -1.', user: WRITER },
            { title: `${HOSTILE_TITLE} (dry run)`, user: WRITER },
          ],
        },
      },
      collaborators: { [WRITER]: 'write' },
    });
    github.state.tokens.set('test-token', INSTALLATION_ID);
    // The script: every text field the graph takes from a model is hostile. The coder's file
    // content is code, not text aos renders, so it stays ordinary.
    model = await startOpenAiDouble((body) => {
      const node = nodeOf(body);
      if (node === 'planner')
        return reply(
          answers.plan({
            summary: HOSTILE_TEXT,
            steps: [HOSTILE_TEXT, 'Edit [math](src/math.ts)'],
            files_to_change: ['src/math.ts', 'docs/@octo-everyone.md'],
            acceptance_criteria: [HOSTILE_TEXT],
            risks: [HOSTILE_TEXT],
          }),
        );
      if (node === 'coder') {
        coderCalls += 1;
        return reply(answers.edits([{ kind: 'create', path: `docs/note-${coderCalls}.md`, replace: `note ${coderCalls}\n` }]));
      }
      if (node === 'critic') {
        return reply({
          verdict: 'revise',
          summary: HOSTILE_TEXT,
          findings: [
            { path: 'docs/note-1.md', line: 1, severity: 'major', message: HOSTILE_TEXT },
            { path: 'README.md', line: 0, severity: 'minor', message: HOSTILE_TEXT },
          ],
        });
      }
      if (node === 'QA') return reply({ criteria: [{ criterion: HOSTILE_TEXT, met: false, evidence: HOSTILE_TEXT }] });
      return { status: 400, body: { error: { message: 'unscripted model request' } } };
    });
    // The fixture has no CI: each run ends needs-work (unverified) as soon as it has pushed.
    harness = await appHarness({ knex: testDb.db.knex, modelUrl: model.url, baseUrl: github.apiUrl, ci: { graceMs: 0 } });
  });

  afterAll(async () => {
    await harness?.close();
    await Promise.all([github?.close(), model?.close()]);
    await testDb?.drop();
  });

  const command = async (issueNumber: number, body: string) => {
    const written = github.addComment(REPO, issueNumber, { body, user: WRITER });
    await harness.receive(
      'issue_comment',
      github.issueCommentCreated(REPO, written, INSTALLATION_ID) as unknown as Record<string, unknown>,
    );
  };

  it(
    'plan, dry run and revise: every request body the double received holds nothing live but aos’s own parts',
    { timeout: 240_000 },
    async () => {
      await command(1, '/aos plan');
      const repo = github.repo(REPO);
      const pull = repo.pulls[0];
      expect(pull, JSON.stringify(harness.logs.filter((line) => (line.level as number) >= 50))).toBeDefined();
      await command(2, '/aos plan --dry-run');
      await command(pull!.number, '/aos revise');

      // Each place was reached, and reached with the model's text (neutralized, not dropped).
      const prIssue = repo.issues.find((issue) => issue.number === pull!.number)!;
      expect(prIssue.body.startsWith('Fixes #1\n')).toBe(true);
      expect(prIssue.body).toContain(`!${Z}[x]`);
      expect(prIssue.title).toBe(
        `F${Z}ixes #${Z}2 for @${Z}octo/everyone: add() <${Z}img src=https:${Z}//attacker.example/t.png?d=1> subtracts`,
      );
      const head = repo.git.commits.get(repo.branches[pull!.head.ref]!)!;
      expect(head.message).toMatch(/^aos: revise #\d+\n/);
      const planCommit = repo.git.commits.get(head.parents[0]!)!;
      expect(planCommit.message.startsWith(`aos: ${prIssue.title}\n\nFixes #1\n\nRun `)).toBe(true);
      const reviews = repo.reviews.filter((review) => review.pullNumber === pull!.number);
      expect(reviews).toHaveLength(2);
      expect(reviews[0]!.body).toContain(`cc @${Z}alice`);
      expect(reviews[0]!.comments.map((inline) => inline.body.includes(`<${Z}img`))).toEqual([true]);
      const agentChecks = repo.checkRuns.filter((run) => run.name === 'aos / agent');
      expect(agentChecks).toHaveLength(2);
      for (const check of agentChecks) expect(check.output.summary).toContain(`The critic still asks for changes`);
      expect(agentChecks[0]!.output.summary).toContain(`[docs]${Z}(https:${Z}//attacker.example`);
      const planComment = repo.comments.find((comment) => comment.issueNumber === 2 && comment.body.startsWith('### Plan (dry run)'));
      expect(planComment?.body).toContain(`F${Z}ixes #${Z}1`);
      expect(planComment?.body).toContain(`docs/@${Z}octo-everyone.md`);
      const status = repo.comments.find((comment) => comment.issueNumber === 1 && comment.body.startsWith('<!-- aos:run:'));
      expect(status?.body).toContain(`Opened ${github.url}/octo/fixture/pull/${pull!.number} (needs-work)`);
      const revised = repo.comments.find((comment) => comment.issueNumber === pull!.number && comment.user.login === github.bot.login);
      expect(revised?.body).toMatch(/^Pushed [0-9a-f]{7}; the verdict waits for the repository's CI on it\./);

      // And over every body the double received, nothing is live but what aos itself writes.
      const own = {
        ownRepoUrl: `${github.url}/${REPO}`,
        ownIssue: 1,
        allowedReferences: ['Fixes #1', `revise #${pull!.number}`],
        allowedTags: ['<details>', '</details>', '<summary>', '</summary>', '<br>'],
      };
      const bodies = github.requests.filter((request) => request.body !== undefined);
      expect(bodies.length).toBeGreaterThan(20);
      const live = bodies.flatMap((request) =>
        strings(request.body, `${request.method} ${request.path}`).flatMap(({ where, text }) =>
          findLiveMarkdown(text, own).map((found) => `${where}: ${found}`),
        ),
      );
      expect(live).toEqual([]);
      expect(model.count()).toBeGreaterThan(0);
    },
  );
});
