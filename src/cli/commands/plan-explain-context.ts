import { selectContext, type SelectContextOptions, type SelectedContext } from '../../agents/context/select-context.ts';
import { createLocalGitBase } from '../../workspace/create-local-git-base.ts';
import { createOverlayWorkspace } from '../../workspace/create-overlay-workspace.ts';
import { isAosError, type AosErrorCode } from '../../observability/aos-error.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../policy/edit-guard/index.ts';
import { UsageError } from '../usage-error.ts';
import { describeContextReading } from './describe-context-reading.ts';

/** Options of `explainContext`. */
export interface ExplainContextOptions {
  /** A directory inside a git checkout; its committed tree (`ref`, default `HEAD`) is read. */
  repoDir: string;
  task: string;
  tokenBudget: number;
  /** Machine-readable output instead of the table. */
  json: boolean;
  ref?: string;
  /** Caps on the files and bytes read for ranking; `selectContext`'s defaults when unset. */
  limits?: Pick<SelectContextOptions, 'maxFilesRead' | 'maxBytesRead'>;
}

/** Git failures that mean the user pointed at the wrong place: bad input, exit code 2. */
const INPUT_ERRORS: readonly AosErrorCode[] = ['git_repo_missing', 'git_not_a_repository', 'git_unknown_ref'];

/** File names may hold terminal escapes or bidi controls; the table shows them as `?`. */
// eslint-disable-next-line no-control-regex
const printable = (text: string): string => text.replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '?');

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function renderTable(task: string, result: SelectedContext): string {
  const included = result.ranked.filter((file) => file.included).length;
  const header = ['rank', 'score', 'tokens', 'share', 'in', 'path', 'reasons'];
  const rows = result.ranked.map((file, index) => [
    String(index + 1),
    file.score.toFixed(2),
    String(file.tokens),
    percent(file.budgetShare),
    file.included ? '✓' : '✗',
    printable(file.path),
    printable(file.reasons.join('; ')),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const right = new Set([0, 1, 2, 3]);
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : right.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ');
  const summary = `Context for "${printable(task)}": ${included} of ${result.ranked.length} files included, ${result.usedTokens} of ${result.tokenBudget} tokens (${percent(result.tokenBudget > 0 ? result.usedTokens / result.tokenBudget : 0)})`;
  const lines = [summary, '', line(header), ...rows.map(line)];
  lines.push('', describeContextReading(result.reading));
  return lines.join('\n');
}

/**
 * Explains which files `aos plan` would give the planner for a task, and why: every file of the
 * checkout's committed tree with its rank, score, estimated tokens, share of the token budget,
 * whether it is included, and the scoring reasons — as a table, or as JSON (`json`). The tree is
 * read through the same workspace the agents use (`createLocalGitBase` + `createOverlayWorkspace`).
 * A missing directory, a directory outside git, an unknown ref, an empty task or a budget that is
 * not a positive integer is a `UsageError`.
 */
export async function explainContext(options: ExplainContextOptions): Promise<string> {
  if (options.task.trim() === '') throw new UsageError('the task is empty: say what should change');
  if (!Number.isInteger(options.tokenBudget) || options.tokenBudget <= 0)
    throw new UsageError(`the token budget must be a positive integer, not ${options.tokenBudget}`);
  const base = createLocalGitBase({ repoDir: options.repoDir, ...(options.ref === undefined ? {} : { ref: options.ref }) });
  const workspace = createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY });
  let result: SelectedContext;
  try {
    result = await selectContext(workspace, options.task, options.tokenBudget, options.limits ?? {});
  } catch (error) {
    if (INPUT_ERRORS.some((code) => isAosError(error, code))) throw new UsageError((error as Error).message);
    throw error;
  }
  if (!options.json) return renderTable(options.task, result);
  const { files: _files, ...report } = result;
  return JSON.stringify({ task: options.task, ...report, included: result.files.map((file) => file.path) }, null, 2);
}
