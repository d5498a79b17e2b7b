import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, FIXTURE_FILES, FIXTURE_TASK } from '../../helpers/agent-fixture.ts';
import type { appHarness } from '../../helpers/app-harness.ts';
import type { GithubDouble } from '../../helpers/github-double/index.ts';
import { startAppScenario } from '../../helpers/app-scenario.ts';
import { toolCallAnswer, type startScriptedModel } from '../../helpers/scripted-model.ts';

const REPO = 'octo/tools';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
const VENDORED = 'export const addVendored = (a: number, b: number) => a - b; // VENDORED\n';

describe('/aos plan whose coder reads a file through a tool and edits it, against the GitHub double and PostgreSQL', () => {
  let scenario: Awaited<ReturnType<typeof startAppScenario>> | undefined;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let harness: Awaited<ReturnType<typeof appHarness>>;

  beforeAll(async () => {
    scenario = await startAppScenario({
      repos: {
        [REPO]: {
          files: { ...FIXTURE_FILES, 'vendor/calc/add.ts': VENDORED, '.env': 'API_TOKEN=sk-live-github-tools-9\n' },
          issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }],
        },
      },
      collaborators: { [WRITER]: 'write' },
      installationId: INSTALLATION_ID,
    });
    ({ github, model, harness } = scenario);
  });

  afterAll(async () => {
    await scenario?.close();
  });

  it('the file the ranking never gave the coder is read from the GitHub tree and its edit lands in the pull request', async () => {
    let coderTurn = 0;
    model.script({
      coder: () =>
        (coderTurn += 1) === 1
          ? toolCallAnswer(
              [
                { name: 'read_file', arguments: { path: 'vendor/calc/add.ts' } },
                { name: 'read_file', arguments: { path: '.env' } },
              ],
              'gh',
            )
          : answers.edits([
              { kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' },
              { kind: 'replace', path: 'vendor/calc/add.ts', search: 'a - b; // VENDORED', replace: 'a + b; // VENDORED' },
            ]),
    });
    const written = github.addComment(REPO, 1, { body: '/aos plan', user: WRITER });
    await harness.receive(
      'issue_comment',
      github.issueCommentCreated(REPO, written, INSTALLATION_ID) as unknown as Record<string, unknown>,
    );

    const coder = model.requests.filter((request) => request.node === 'coder').map((request) => request.body);
    expect(coder).toHaveLength(2);
    expect(JSON.stringify(coder[0])).not.toContain('VENDORED');
    const results = (coder[1]!.messages as Array<{ role: string; content: string }>).filter((message) => message.role === 'tool');
    expect(results.map((message) => message.content)).toEqual([
      `<tool-result tool="read_file">\nvendor/calc/add.ts, lines 1-1 of 1:\n1| ${VENDORED.trimEnd()}\n</tool-result>`,
      '<tool-result tool="read_file">\nrefused: secret file (.env is never readable by the model)\n</tool-result>',
    ]);
    for (const request of model.requests) expect(JSON.stringify(request.body)).not.toContain('sk-live-github-tools-9');

    const branch = Object.keys(github.repo(REPO).branches).find((name) => name.startsWith('aos/issue-1-'))!;
    expect(branch).toBeDefined();
    expect(github.readFile(REPO, branch, 'vendor/calc/add.ts')).toContain('a + b; // VENDORED');
    expect(github.readFile(REPO, 'main', 'vendor/calc/add.ts')).toBe(VENDORED);
    expect(github.repo(REPO).pulls.filter((pull) => pull.head.ref === branch)).toHaveLength(1);
  });
});
