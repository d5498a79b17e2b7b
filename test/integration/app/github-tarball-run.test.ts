import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepoCache } from '#src/workspace/create-repo-cache.ts';
import { FIXTURE_FILES, FIXTURE_TASK } from '../../helpers/agent-fixture.ts';
import { appHarness } from '../../helpers/app-harness.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { startGithubDouble, type GithubDouble } from '../../helpers/github-double/index.ts';
import { pricedConfigDir } from '../../helpers/priced-config-dir.ts';
import { startScriptedModel } from '../../helpers/scripted-model.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
const FILES = 3000;

/** The fixture plus generated modules up to FILES files, in folders of 50. */
function bigRepository(): Record<string, string> {
  const files: Record<string, string> = { ...FIXTURE_FILES };
  for (let index = 0; Object.keys(files).length < FILES; index += 1) {
    // Nothing in them matches the task, so the planner's context stays the fixture's own files.
    files[`packages/pkg-${Math.floor(index / 50)}/lib/item-${index}.js`] = `export const label${index} = 'item ${index}';\n`;
  }
  return files;
}

describe('a run on a 3,000-file repository reads it from one tarball, cached on disk for the next run', () => {
  let testDb: TestDatabase;
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let harness: Awaited<ReturnType<typeof appHarness>>;
  let configDir: string;
  let dataDir: string;

  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    github = await startGithubDouble({
      repos: {
        [REPO]: {
          files: bigRepository(),
          issues: [
            { title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER },
            { title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER },
          ],
        },
      },
      collaborators: { [WRITER]: 'write' },
    });
    github.state.tokens.set('test-token', INSTALLATION_ID);
    model = await startScriptedModel();
    configDir = pricedConfigDir();
    dataDir = mkdtempSync(path.join(tmpdir(), 'aos-data-'));
    const repoCache = createRepoCache({ dir: path.join(dataDir, 'repo-cache'), maxBytes: 512 * 1024 ** 2 });
    harness = await appHarness({ knex: testDb.db.knex, modelUrl: model.url, baseUrl: github.apiUrl, configDir, repoCache });
  });

  afterAll(async () => {
    await harness?.idle();
    await Promise.all([github?.close(), model?.close()]);
    await testDb?.drop();
    for (const folder of [configDir, dataDir]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const plan = async (issueNumber: number) => {
    const before = github.requests.length;
    const written = github.addComment(REPO, issueNumber, { body: '/aos plan', user: WRITER });
    await harness.receive(
      'issue_comment',
      github.issueCommentCreated(REPO, written, INSTALLATION_ID) as unknown as Record<string, unknown>,
    );
    const answered = github.requests.slice(before);
    const run = (await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'fixture', issueNumber, limit: 1 }))[0]!;
    const counted = (await harness.agent.ledger.readEvents(run.id))
      .filter((event) => event.type === 'github.requests')
      .map((event) => event.payload as { total: number; by_kind: Record<string, number> });
    return { run, answered, counted };
  };
  const pullFor = (issueNumber: number) => github.repo(REPO).pulls.find((pull) => pull.head.ref.startsWith(`aos/issue-${issueNumber}-`));

  it('makes at most 50 GitHub requests, one of them the tarball, and opens its pull request', async () => {
    const { run, answered, counted } = await plan(1);
    expect(run.status).toBe('completed');
    expect(pullFor(1)).toBeDefined();
    const tarballs = answered.filter((request) => /\/tarball\//.test(request.path));
    expect(tarballs).toHaveLength(1);
    expect(answered.filter((request) => request.path.startsWith('/codeload/'))).toHaveLength(1);
    // No file was fetched blob by blob, and the commit took the files' modes from the workspace, not from another tree listing.
    expect(answered.filter((request) => request.method === 'GET' && /\/git\/(blobs|trees)\//.test(request.path))).toEqual([]);
    expect(counted).toHaveLength(1);
    expect(counted[0]!.by_kind.archive).toBe(1);
    expect(counted[0]!.total).toBeLessThanOrEqual(50);
    // Octokit's hook sees the tarball request once; the redirect it follows to codeload is the same request.
    expect(counted[0]!.total).toBe(
      answered.filter((request) => request.auth === 'installation' && !request.path.startsWith('/codeload/')).length,
    );
    // The commit carries the fix on top of the 3,000 files.
    expect(github.readFile(REPO, pullFor(1)!.head.sha, 'src/math.ts')).toContain('a + b');
    expect(Object.keys(github.files(REPO, pullFor(1)!.head.sha))).toHaveLength(FILES);
    expect(readdirSync(path.join(dataDir, 'repo-cache'))).toEqual([`octo.fixture.${github.repo(REPO).branches.main}`]);
  });

  it('downloads nothing for the second run on the same base commit', async () => {
    const { run, answered, counted } = await plan(2);
    expect(run.status).toBe('completed');
    expect(pullFor(2)).toBeDefined();
    expect(answered.filter((request) => /\/tarball\/|^\/codeload\//.test(request.path))).toEqual([]);
    expect(counted[0]!.by_kind.archive ?? 0).toBe(0);
    expect(counted[0]!.total).toBeLessThanOrEqual(50);
  });
});
