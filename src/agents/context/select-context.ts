import type { Workspace } from '../workspace-types.ts';
import { fileExclusionReason } from './file-exclusion.ts';
import { rankFiles, type FileRanking, type RankInputFile } from './rank-files.ts';
import { scoreFile } from './score-file.ts';
import { tokenizeTask } from './tokenize-task.ts';

/** How much of the tree was read, and why the rest was not: the counts add up to `listed`. */
export interface ContextReading {
  /** Entries of the tree. */
  listed: number;
  read: number;
  readBytes: number;
  /** Candidates ranked below the top `maxFilesRead` by path. */
  belowTopByPath: number;
  /** Candidates among the top by path whose size no longer fit `maxBytesRead`. */
  overByteBudget: number;
  /** Kept out by path or size, unread: over 200 KB, lockfiles, generated or vendored, minified, binary. */
  excluded: number;
  /** Symlinks, submodules and secret files: never read nor ranked. */
  skipped: number;
  maxFilesRead: number;
  maxBytesRead: number;
}

/** The ranking plus the text of every included file, in rank order. */
export interface SelectedContext extends FileRanking {
  files: Array<{ path: string; content: string }>;
  /** Candidate files left unread because of `maxFilesRead` or `maxBytesRead` (they are not in `ranked`). */
  unread: number;
  reading: ContextReading;
}

/** Options of `selectContext`. */
export interface SelectContextOptions {
  /** At most this many files are read (default 2,000), chosen by a path-only score. */
  maxFilesRead?: number;
  /**
   * At most this many bytes are read (default 8 MB), so ranking a huge tree costs a bounded read
   * whatever the files' sizes: the best by path are read while they fit.
   */
  maxBytesRead?: number;
  /**
   * Reads in flight at once (default 64). A local git base serves the reads made together from one
   * `git cat-file --batch`, so more at once means fewer processes; the GitHub base reads its cached archive.
   */
  concurrency?: number;
  /** Tokens one file costs in the prompt (default: its data block, see `estimateFileTokens`). */
  estimateTokens?: (file: { path: string; content: string }) => number;
}

/** Symlinks and submodules carry no content of this repository. */
const SKIPPED_MODES = new Set(['120000', '160000']);
const DEFAULT_MAX_FILES_READ = 2_000;
const DEFAULT_MAX_BYTES_READ = 8 * 1024 * 1024;

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
 * `maxFilesRead` best by a path-only score (ties by path) are read, as long as they fit `maxBytesRead`,
 * and ranked with `rankFiles`: the content read is bounded however big the tree, and `reading` says
 * how much was read and why the rest was not.
 */
export async function selectContext(
  workspace: Pick<Workspace, 'listTree' | 'readFile' | 'isSecretFile'>,
  task: string,
  tokenBudget: number,
  options: SelectContextOptions = {},
): Promise<SelectedContext> {
  const terms = tokenizeTask(task);
  const { maxFilesRead = DEFAULT_MAX_FILES_READ, maxBytesRead = DEFAULT_MAX_BYTES_READ } = options;
  const tree = await workspace.listTree();
  // A secret file is not even ranked: its name and size are all aos knows of it, and it shows neither.
  const entries = tree.filter((entry) => !SKIPPED_MODES.has(entry.mode) && !workspace.isSecretFile(entry.path));
  const excluded: RankInputFile[] = [];
  const candidates: Array<{ path: string; size: number; score: number }> = [];
  for (const entry of entries) {
    if (fileExclusionReason(entry) !== null) excluded.push({ path: entry.path, size: entry.size, content: null });
    else candidates.push({ path: entry.path, size: entry.size, score: scoreFile(terms, entry.path, null).score });
  }
  candidates.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const top = candidates.slice(0, maxFilesRead);
  const toRead: typeof top = [];
  let readBytes = 0;
  for (const file of top) {
    if (readBytes + file.size > maxBytesRead) continue;
    readBytes += file.size;
    toRead.push(file);
  }
  const contents = await readAll(
    workspace,
    toRead.map((file) => file.path),
    options.concurrency ?? 64,
  );
  const files = [...excluded, ...toRead.map((file, index) => ({ path: file.path, size: file.size, content: contents[index] ?? null }))];
  const ranking = rankFiles({ task, files, tokenBudget, ...(options.estimateTokens ? { estimateTokens: options.estimateTokens } : {}) });
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  const included = ranking.ranked.filter((file) => file.included);
  return {
    ...ranking,
    files: included.map((file) => ({ path: file.path, content: byPath.get(file.path) ?? '' })),
    unread: candidates.length - toRead.length,
    reading: {
      listed: tree.length,
      read: toRead.length,
      readBytes,
      belowTopByPath: candidates.length - top.length,
      overByteBudget: top.length - toRead.length,
      excluded: excluded.length,
      skipped: tree.length - entries.length,
      maxFilesRead,
      maxBytesRead,
    },
  };
}
