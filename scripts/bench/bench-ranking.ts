/**
 * Context-ranking recall on real fix commits (test/fixtures/ranking-dev-set/cases.json, built by
 * scripts/bench/mine-ranking-cases.ts). For each case the parent commit's tree is read from the
 * fetched bare mirror (`--mirrors`, default /work/.mirror) through the same workspace and the same
 * `selectContext` that `aos plan --explain-context` uses, and ranked for the commit message by
 * (a) BM25 over path + content of the same candidate files and (b) aos. Recall@k is the share of
 * the gold files in the top k, averaged over cases, per split. Writes
 * metrics/quality/context_ranking.csv when every split was measured. `--split dev` measures one
 * split only; `--details` prints each case's gold ranks.
 */
import fs from 'node:fs';
import { selectContext } from '../../src/agents/context/select-context.ts';
import { fileExclusionReason } from '../../src/agents/context/file-exclusion.ts';
import { createLocalGitBase } from '../../src/workspace/create-local-git-base.ts';
import { createOverlayWorkspace } from '../../src/workspace/create-overlay-workspace.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../src/policy/edit-guard/index.ts';
import { bm25Rank } from './lib/bm25-rank.ts';
import { mirrorPath, readRankingCases, type RankingCase } from './lib/ranking-cases.ts';
import { writeCsv } from './lib/write-csv.ts';

const KS = [10, 20] as const;
/** The goals of aos issue #17: recall@10 and recall@20. */
const GOALS = [
  [10, 0.85],
  [20, 0.92],
] as const;
/** Large enough that the budget never decides the order, which is what is measured. */
const TOKEN_BUDGET = 1_000_000_000;
const SKIPPED_MODES = new Set(['120000', '160000']);

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

const recall = (ranked: readonly string[], gold: readonly string[], k: number): number =>
  gold.filter((path) => ranked.slice(0, k).includes(path)).length / gold.length;

async function rankCase(root: string, entry: RankingCase): Promise<{ bm25: string[]; aos: string[] }> {
  const base = createLocalGitBase({ repoDir: mirrorPath(root, entry.repo), ref: entry.parent });
  const workspace = createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY });
  const cache = new Map<string, Promise<string | null>>();
  const reading = {
    listTree: () => workspace.listTree(),
    isSecretFile: (path: string) => workspace.isSecretFile(path),
    readFile: (path: string) => cache.get(path) ?? cache.set(path, workspace.readFile(path)).get(path) ?? Promise.resolve(null),
  };
  const selected = await selectContext(reading, entry.task, TOKEN_BUDGET);
  const entries = (await workspace.listTree()).filter(
    (file) => !SKIPPED_MODES.has(file.mode) && !workspace.isSecretFile(file.path) && fileExclusionReason(file) === null,
  );
  const documents = await Promise.all(
    entries.map(async (file) => ({ path: file.path, text: `${file.path}\n${(await reading.readFile(file.path)) ?? ''}` })),
  );
  return { bm25: bm25Rank(entry.task, documents), aos: selected.ranked.map((file) => file.path) };
}

async function main(): Promise<void> {
  const root = option('--mirrors') ?? '/work/.mirror';
  const only = option('--split');
  const all = readRankingCases();
  const missing = [...new Set(all.map((entry) => entry.repo))].filter((repo) => !fs.existsSync(mirrorPath(root, repo)));
  if (missing.length > 0) {
    console.error(`missing mirrors under ${root} (fetch github:<owner>/<name> into <owner>+<name>/repo):\n  ${missing.join('\n  ')}`);
    process.exit(2);
  }
  const cases = all.filter((entry) => only === undefined || entry.split === only);
  const results: Array<{ entry: RankingCase; bm25: string[]; aos: string[] }> = [];
  for (const entry of cases) {
    const ranked = await rankCase(root, entry);
    results.push({ entry, ...ranked });
    if (process.argv.includes('--details')) {
      const ranks = (list: string[]) => entry.gold.map((path) => list.indexOf(path) + 1).join('/');
      console.log(
        `${entry.split} ${entry.repo} ${entry.commit.slice(0, 8)} aos ${ranks(ranked.aos)} bm25 ${ranks(ranked.bm25)}  ${entry.task.split('\n')[0]}`,
      );
    }
  }
  const rows: Array<Record<string, string | number>> = [];
  for (const split of ['dev', 'held-out', 'all']) {
    const part = results.filter((result) => split === 'all' || result.entry.split === split);
    if (part.length === 0) continue;
    const repositories = new Set(part.map((result) => result.entry.repo)).size;
    for (const method of ['bm25', 'aos'] as const) {
      const row: Record<string, string | number> = { split, method, cases: part.length, repositories };
      for (const k of KS) {
        const mean = part.reduce((sum, result) => sum + recall(result[method], result.entry.gold, k), 0) / part.length;
        row[`recall_at_${k}`] = Math.round(mean * 1000) / 1000;
      }
      rows.push(row);
    }
  }
  console.log('split     method  cases  repos  recall@10  recall@20');
  for (const row of rows) {
    console.log(
      `${String(row.split).padEnd(9)} ${String(row.method).padEnd(7)} ${String(row.cases).padStart(5)}  ${String(row.repositories).padStart(5)}  ${String(row.recall_at_10).padStart(9)}  ${String(row.recall_at_20).padStart(9)}`,
    );
  }
  for (const row of rows.filter((entry) => entry.method === 'aos' && entry.split !== 'all')) {
    for (const [k, goal] of GOALS) {
      const value = Number(row[`recall_at_${k}`]);
      console.log(`aos recall@${k} >= ${goal} on ${String(row.split)}: ${value >= goal ? 'MET' : 'NOT MET'} (${value})`);
    }
  }
  if (only === undefined) {
    writeCsv('metrics/quality/context_ranking.csv', ['split', 'method', 'cases', 'repositories', 'recall_at_10', 'recall_at_20'], rows);
    console.log('wrote metrics/quality/context_ranking.csv');
  }
}

await main();
