import fs from 'node:fs';
import path from 'node:path';

/** One case of the context-ranking development set: a real fix commit of a public repository. */
export interface RankingCase {
  /** `owner/name` on GitHub. */
  repo: string;
  commit: string;
  /** The tree that is ranked: the state the fix started from. */
  parent: string;
  /** The commit message, trailers removed: what an issue asking for the fix would say. */
  task: string;
  /** The non-test source files the fix changed, all present in the parent tree. */
  gold: string[];
  /** `dev` cases tune the ranking; `held-out` cases are only reported. */
  split: 'dev' | 'held-out';
}

/** Where the committed case list lives. */
export const RANKING_CASES_FILE = path.join('test', 'fixtures', 'ranking-dev-set', 'cases.json');

/** Where a fetched bare mirror of `owner/name` is expected: `<root>/<owner>+<name>/repo`. */
export function mirrorPath(root: string, repo: string): string {
  return path.join(root, repo.replace('/', '+'), 'repo');
}

/** Reads the committed case list. */
export function readRankingCases(file = RANKING_CASES_FILE): RankingCase[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RankingCase[];
}
