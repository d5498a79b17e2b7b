import type { Workspace } from '../workspace-types.ts';
import { fileExclusionReason } from './file-exclusion.ts';
import { rankFiles, type FileRanking, type RankInputFile } from './rank-files.ts';
import { scoreFile } from './score-file.ts';
import { tokenizeTask } from './tokenize-task.ts';

/** The ranking plus the text of every included file, in rank order. */
export interface SelectedContext extends FileRanking {
  files: Array<{ path: string; content: string }>;
  /** Candidate files left unread because of `maxFilesRead` (they are not in `ranked`). */
  unread: number;
}

/** Options of `selectContext`. */
export interface SelectContextOptions {
  /** At most this many files are read (default 2,000), chosen by a path-only score. */
  maxFilesRead?: number;
  /** Reads in flight at once (default 16): a GitHub-backed workspace fetches each file. */
  concurrency?: number;
  estimateTokens?: (text: string) => number;
}

/** Symlinks and submodules carry no content of this repository. */
const SKIPPED_MODES = new Set(['120000', '160000']);

async function readAll(
  workspace: Pick<Workspace, 'readFile'>,
  paths: readonly string[],
  concurrency: number,
): Promise<Array<string | null>> {
  const contents: Array<string | null> = new Array<string | null>(paths.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++;
      contents[index] = await workspace.readFile(paths[index] ?? '');
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, paths.length)) }, worker));
  return contents;
}

/**
 * Picks the context for a task from a workspace, reading it through `listTree`/`readFile` only.
 * Files that are excluded by path or size (over 200 KB, lockfiles, `dist/`, binaries …) are ranked
 * as excluded without being read; symlinks, submodules and secret files are skipped. Of the rest, the
 * `maxFilesRead` best by a path-only score (ties by path) are read and ranked with `rankFiles`.
 */
export async function selectContext(
  workspace: Pick<Workspace, 'listTree' | 'readFile' | 'isSecretFile'>,
  task: string,
  tokenBudget: number,
  options: SelectContextOptions = {},
): Promise<SelectedContext> {
  const terms = tokenizeTask(task);
  // A secret file is not even ranked: its name and size are all aos knows of it, and it shows neither.
  const entries = (await workspace.listTree()).filter((entry) => !SKIPPED_MODES.has(entry.mode) && !workspace.isSecretFile(entry.path));
  const excluded: RankInputFile[] = [];
  const candidates: Array<{ path: string; size: number; score: number }> = [];
  for (const entry of entries) {
    if (fileExclusionReason(entry) !== null) excluded.push({ path: entry.path, size: entry.size, content: null });
    else candidates.push({ path: entry.path, size: entry.size, score: scoreFile(terms, entry.path, null).score });
  }
  candidates.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const toRead = candidates.slice(0, options.maxFilesRead ?? 2_000);
  const contents = await readAll(
    workspace,
    toRead.map((file) => file.path),
    options.concurrency ?? 16,
  );
  const files = [...excluded, ...toRead.map((file, index) => ({ path: file.path, size: file.size, content: contents[index] ?? null }))];
  const ranking = rankFiles({ task, files, tokenBudget, ...(options.estimateTokens ? { estimateTokens: options.estimateTokens } : {}) });
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  const included = ranking.ranked.filter((file) => file.included);
  return {
    ...ranking,
    files: included.map((file) => ({ path: file.path, content: byPath.get(file.path) ?? '' })),
    unread: candidates.length - toRead.length,
  };
}
