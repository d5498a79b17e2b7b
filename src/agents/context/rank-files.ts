import { estimateTextTokens } from './estimate-text-tokens.ts';
import { fileExclusionReason } from './file-exclusion.ts';
import { applyImportBonus } from './apply-import-bonus.ts';
import { applyTestBonus } from './apply-test-bonus.ts';
import { countTaskTerms, type TermCounts } from './count-task-terms.ts';
import { buildImportGraph } from './import-graph.ts';
import { termWeights } from './term-weights.ts';
import { scoreFile } from './score-file.ts';
import { tokenizeTask } from './tokenize-task.ts';

/** A candidate file: `content` null when binary or not read. */
export interface RankInputFile {
  path: string;
  content: string | null;
  size: number;
}

/** One file's place in the ranking. */
export interface RankedFile {
  path: string;
  score: number;
  reasons: string[];
  /** Estimated tokens of the content (0 when unknown). */
  tokens: number;
  /** `tokens / tokenBudget`. */
  budgetShare: number;
  included: boolean;
}

/** The ranking, best first, excluded files last. */
export interface FileRanking {
  ranked: RankedFile[];
  usedTokens: number;
  tokenBudget: number;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const byScore = (a: { score: number; path: string }, b: { score: number; path: string }): number =>
  b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Ranks files by relevance to a task and picks what fits a token budget. Deterministic: the same
 * input gives the same output, ties broken by path (code-unit order, not locale).
 * 1. Files `fileExclusionReason` rejects (too large, lockfiles, generated or vendored, minified,
 *    binary or unreadable) are excluded with that reason and score 0.
 * 2. Every other file's content is counted once for the task's terms, identifiers and declared
 *    words (`countTaskTerms`); each term and word is weighed by how few files have it
 *    (`termWeights`), and each file gets `scoreFile` (path, then content; see `SCORE_WEIGHTS`;
 *    tests, docs and data count for less, `KIND_FACTORS`, unless the task names them or is about them).
 * 3. `applyImportBonus`: files the top matches import (30% of the match's score) or that import
 *    them (15%) are raised, so a helper module the main match uses ranks above unrelated files;
 *    then `applyTestBonus`: the source a matching test is named for gets 60% of the test's score.
 * 4. Greedy inclusion, best first: a file with a positive score is included when it still fits the
 *    budget ("over budget" otherwise; smaller later files may still fit). Files scoring 0 are never
 *    included: they would spend money on noise.
 */
export function rankFiles(input: {
  task: string;
  files: readonly RankInputFile[];
  tokenBudget: number;
  estimateTokens?: (text: string) => number;
}): FileRanking {
  const estimate = input.estimateTokens ?? estimateTextTokens;
  const task = tokenizeTask(input.task);
  const excluded: RankedFile[] = [];
  const readable: Array<{ path: string; content: string; tokens: number; counts: TermCounts }> = [];
  for (const file of input.files) {
    const tokens = file.content === null ? 0 : estimate(file.content);
    const reason = fileExclusionReason(file);
    if (reason !== null || file.content === null) {
      excluded.push({ path: file.path, score: 0, reasons: [reason ?? 'binary or unreadable'], tokens, budgetShare: 0, included: false });
    } else readable.push({ path: file.path, content: file.content, tokens, counts: countTaskTerms(task, file.content) });
  }
  const counts = readable.map((file) => file.counts);
  const weights = {
    terms: termWeights(task.terms, counts, (file, term) => file.terms.has(term)),
    definitions: termWeights(task.words, counts, (file, word) => file.definitions.includes(word)),
  };
  const scored = readable.map(({ counts: found, ...file }) => ({ ...file, ...scoreFile(task, file.path, found, weights) }));
  const graph = buildImportGraph(scored);
  applyImportBonus(scored, graph);
  applyTestBonus(scored, graph);
  let usedTokens = 0;
  const ranked: RankedFile[] = [];
  for (const file of scored.map((entry) => ({ ...entry, score: round(entry.score, 2) })).sort(byScore)) {
    const fits = file.score > 0 && usedTokens + file.tokens <= input.tokenBudget;
    if (fits) usedTokens += file.tokens;
    else file.reasons.push(file.score > 0 ? 'over budget' : 'no match with the task');
    ranked.push({ path: file.path, score: file.score, reasons: file.reasons, tokens: file.tokens, budgetShare: 0, included: fits });
  }
  ranked.push(...excluded.sort(byScore));
  for (const file of ranked) file.budgetShare = input.tokenBudget > 0 ? round(file.tokens / input.tokenBudget, 4) : 0;
  return { ranked, usedTokens, tokenBudget: input.tokenBudget };
}
