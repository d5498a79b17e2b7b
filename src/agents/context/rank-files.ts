import { estimateTextTokens } from './estimate-text-tokens.ts';
import { fileExclusionReason } from './file-exclusion.ts';
import { applyImportBonus } from './apply-import-bonus.ts';
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
 * 2. Every other file gets `scoreFile` (path, then content; see `SCORE_WEIGHTS`).
 * 3. `applyImportBonus`: files the top matches import (30% of the match's score) or that import
 *    them (15%) are raised, so a helper module the main match uses ranks above unrelated files.
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
  const scored: Array<{ path: string; content: string; score: number; reasons: string[]; tokens: number }> = [];
  for (const file of input.files) {
    const tokens = file.content === null ? 0 : estimate(file.content);
    const reason = fileExclusionReason(file);
    if (reason !== null || file.content === null) {
      excluded.push({ path: file.path, score: 0, reasons: [reason ?? 'binary or unreadable'], tokens, budgetShare: 0, included: false });
    } else scored.push({ path: file.path, content: file.content, ...scoreFile(task, file.path, file.content), tokens });
  }
  applyImportBonus(scored);
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
