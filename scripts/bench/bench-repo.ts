/**
 * Reading a repository: (1) GitHub requests per `/aos plan` on 300-, 3,000- and 30,000-file
 * repositories, through the app as `npm start` wires it (real PostgreSQL, the on-disk repository
 * cache) against the local GitHub double, for a first run and a second run on the same base
 * commit; (2) the time to rank a 100,000-file synthetic tree (a real git repository, read as
 * `aos plan --explain-context` reads it) beside `git grep -l` of the task's terms on the same
 * commit, in the same run. Writes metrics/performance/repository_read.csv.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectContext } from '../../src/agents/context/select-context.ts';
import { tokenizeTask } from '../../src/agents/context/tokenize-task.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../src/policy/edit-guard/index.ts';
import { createLocalGitBase } from '../../src/workspace/create-local-git-base.ts';
import { createOverlayWorkspace } from '../../src/workspace/create-overlay-workspace.ts';
import { createRepoCache } from '../../src/workspace/create-repo-cache.ts';
import { FIXTURE_FILES, FIXTURE_TASK } from '../../test/helpers/agent-fixture.ts';
import { appHarness } from '../../test/helpers/app-harness.ts';
import { startGithubDouble } from '../../test/helpers/github-double/index.ts';
import { pricedConfigDir } from '../../test/helpers/priced-config-dir.ts';
import { startScriptedModel } from '../../test/helpers/scripted-model.ts';
import { createBenchDatabase } from './lib/bench-database.ts';
import { createSyntheticGitRepo, syntheticFiles } from './lib/synthetic-git-repo.ts';
import { writeCsv } from './lib/write-csv.ts';

const SIZES = [300, 3_000, 30_000];
const REQUEST_GOAL = 50;
const RANK_FILES = 100_000;
const RATIO_GOAL = 3;
const REPETITIONS = 3;
const RANK_TASK = 'The retry delay in httpClient backoff doubles too fast after a timeout';
const WRITER = 'alice';

type Row = Record<string, string | number | boolean>;

/** The fixture plus modules that match nothing of the task, up to `count` files. */
function repositoryOf(count: number): Record<string, string> {
  const files: Record<string, string> = { ...FIXTURE_FILES };
  for (let index = 0; Object.keys(files).length < count; index += 1)
    files[`packages/pkg-${Math.floor(index / 100)}/lib/item-${index}.js`] = `export const label${index} = 'item ${index}';\n`;
  return files;
}

async function requestsPerPlan(rows: Row[], timestamp: string): Promise<void> {
  const database = await createBenchDatabase();
  const model = await startScriptedModel();
  const configDir = pricedConfigDir();
  try {
    for (const size of SIZES) {
      const repo = 'octo/bench';
      const github = await startGithubDouble({
        repos: {
          [repo]: {
            files: repositoryOf(size),
            issues: [1, 2].map(() => ({ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER })),
          },
        },
        collaborators: { [WRITER]: 'write' },
      });
      github.state.tokens.set('test-token', 42);
      const dataDir = mkdtempSync(path.join(tmpdir(), 'aos-bench-data-'));
      const repoCache = createRepoCache({ dir: path.join(dataDir, 'repo-cache'), maxBytes: 2048 * 1024 ** 2 });
      const harness = await appHarness({ knex: database.db.knex, modelUrl: model.url, baseUrl: github.apiUrl, configDir, repoCache });
      try {
        for (const [issue, run] of [
          [1, 'first'],
          [2, 'second on the same base'],
        ] as const) {
          const before = github.requests.length;
          const comment = github.addComment(repo, issue, { body: '/aos plan', user: WRITER });
          const started = process.hrtime.bigint();
          await harness.receive('issue_comment', github.issueCommentCreated(repo, comment, 42) as unknown as Record<string, unknown>);
          // The run waits for the repository's CI on its commit; CI passes and the look at it is part of the run's cost.
          const waiting = (await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'bench', issueNumber: issue, limit: 1 }))[0];
          if (waiting?.headSha) {
            const suite = github.completeCi(repo, waiting.headSha, [{ name: 'test', conclusion: 'success' }], 42);
            await harness.receive('check_suite', suite as unknown as Record<string, unknown>);
          }
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const answered = github.requests.slice(before);
          const record = (await harness.agent.runStore.listRuns({ owner: 'octo', repo: 'bench', issueNumber: issue, limit: 1 }))[0];
          const events = record ? await harness.agent.ledger.readEvents(record.id) : [];
          // One github.requests event per job of the run (the plan, then the look at its CI), added up.
          const counted = events
            .filter((event) => event.type === 'github.requests')
            .map((event) => event.payload as { total: number; by_kind: Record<string, number> })
            .reduce<{ total: number; by_kind: Record<string, number> } | undefined>((sum, event) => {
              const by_kind = { ...(sum?.by_kind ?? {}) };
              for (const [kind, count] of Object.entries(event.by_kind)) by_kind[kind] = (by_kind[kind] ?? 0) + count;
              return { total: (sum?.total ?? 0) + event.total, by_kind };
            }, undefined);
          const opened = github.repo(repo).pulls.some((pull) => pull.head.ref.startsWith(`aos/issue-${issue}-`));
          if (!counted || !opened || record?.status !== 'completed')
            throw new Error(`the ${run} run on ${size} files did not end with its pull request (status ${record?.status})`);
          const tarballs = answered.filter((request) => request.path.includes('/tarball/')).length;
          const met = counted.total <= REQUEST_GOAL;
          rows.push({
            timestamp,
            measure: 'github_requests_per_plan',
            files: size,
            run,
            value: counted.total,
            unit: 'requests',
            detail: `tarball ${tarballs}; by kind ${JSON.stringify(counted.by_kind).replaceAll(',', ' ')}; run took ${seconds.toFixed(1)} s`,
            goal: `<= ${REQUEST_GOAL}`,
            met,
          });
          console.log(
            `${met ? 'MET    ' : 'NOT MET'} /aos plan on ${size} files (${run}): ${counted.total} GitHub requests (${tarballs} tarball), goal <= ${REQUEST_GOAL}`,
          );
        }
      } finally {
        await harness.idle();
        await github.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await model.close();
    await database.drop();
    rmSync(configDir, { recursive: true, force: true });
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function rankingAgainstGrep(rows: Row[], timestamp: string): Promise<void> {
  const planted: Record<string, string> = {};
  for (let index = 0; index < 20; index += 1)
    planted[`packages/net-${index}/src/http/${index === 0 ? 'backoff' : `retry-${index}`}.ts`] =
      `export function backoffDelay(attempt: number): number {\n  // retry after a timeout, httpClient calls this\n  return 100 * 2 ** attempt;\n}\n`;
  const files = syntheticFiles(RANK_FILES, planted);
  const bytes = [...files.values()].reduce((sum, content) => sum + Buffer.byteLength(content), 0);
  console.log(`building a ${RANK_FILES}-file git repository (${(bytes / 1024 / 1024).toFixed(1)} MB) with git fast-import …`);
  const { dir, ref } = await createSyntheticGitRepo(files);
  try {
    const terms = tokenizeTask(RANK_TASK).terms;
    const grepArgs = ['grep', '-l', '-i', '-F', ...terms.flatMap((term) => ['-e', term]), ref];
    const rankMs: number[] = [];
    const grepMs: number[] = [];
    let reading = '';
    let grepHits = 0;
    for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
      // A fresh spelling of the folder each time, so the process-wide git object caches do not serve a repetition.
      const repoDir = `${dir}${'/.'.repeat(repetition + 1)}`;
      const started = process.hrtime.bigint();
      const workspace = createOverlayWorkspace({ base: createLocalGitBase({ repoDir, ref }), policy: DEFAULT_EDIT_GUARD_POLICY });
      const selected = await selectContext(workspace, RANK_TASK, 24_000);
      rankMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      const { read, listed, readBytes } = selected.reading;
      reading = `read ${read} of ${listed} files (${(readBytes / 1024 / 1024).toFixed(1)} MB); top file ${selected.files[0]?.path ?? 'none'}`;
      const grepStarted = process.hrtime.bigint();
      grepHits = execFileSync('git', grepArgs, { cwd: dir, maxBuffer: 256 * 1024 ** 2 })
        .toString()
        .split('\n')
        .filter(Boolean).length;
      grepMs.push(Number(process.hrtime.bigint() - grepStarted) / 1e6);
    }
    const rank = median(rankMs);
    const grep = median(grepMs);
    const ratio = rank / grep;
    const met = ratio <= RATIO_GOAL;
    rows.push(
      {
        timestamp,
        measure: 'rank_ms',
        files: RANK_FILES,
        run: `median of ${REPETITIONS}`,
        value: rank.toFixed(1),
        unit: 'ms',
        detail: reading,
        goal: '',
        met: '',
      },
      {
        timestamp,
        measure: 'git_grep_ms',
        files: RANK_FILES,
        run: `median of ${REPETITIONS}`,
        value: grep.toFixed(1),
        unit: 'ms',
        detail: `git grep -l -i -F of ${terms.length} terms (${terms.join(' ')}): ${grepHits} files`,
        goal: '',
        met: '',
      },
      {
        timestamp,
        measure: 'rank_vs_git_grep',
        files: RANK_FILES,
        run: `median of ${REPETITIONS}`,
        value: ratio.toFixed(2),
        unit: 'x',
        detail: '',
        goal: `<= ${RATIO_GOAL}`,
        met,
      },
    );
    console.log(`rank ${RANK_FILES} files: ${rank.toFixed(0)} ms (${reading}); git grep -l: ${grep.toFixed(0)} ms (${grepHits} files)`);
    console.log(`${met ? 'MET    ' : 'NOT MET'} ranking a ${RANK_FILES}-file tree within ${RATIO_GOAL}x git grep -l: ${ratio.toFixed(2)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const timestamp = new Date().toISOString();
  const rows: Row[] = [];
  await requestsPerPlan(rows, timestamp);
  await rankingAgainstGrep(rows, timestamp);
  writeCsv(
    'metrics/performance/repository_read.csv',
    ['timestamp', 'measure', 'files', 'run', 'value', 'unit', 'detail', 'goal', 'met'],
    rows,
  );
  console.log('wrote metrics/performance/repository_read.csv');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
