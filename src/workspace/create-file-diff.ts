import { buildHunks, type DiffSide } from './build-hunks.ts';
import { diffLines } from './diff-lines.ts';
import type { FileDiff } from '../agents/workspace-types.ts';

/** The two versions of one file; null on a side where the file does not exist. */
export interface FileDiffInput {
  path: string;
  oldContent: string | null;
  newContent: string | null;
  /** Git mode of the file (default `100644`). */
  mode?: string;
}

/**
 * The line diff of one file as unified-diff hunks with 3 lines of context, the new-file line
 * numbers of added lines, and counts. A file whose last line has no newline differs from the same
 * text with one, as in git. Line endings are part of a line: CRLF against LF is a change.
 */
export function createFileDiff(input: FileDiffInput): FileDiff {
  const before = diffSide(input.oldContent ?? '');
  const after = diffSide(input.newContent ?? '');
  const ops = diffLines(keys(before), keys(after));
  const hunks = buildHunks(ops, before, after);
  const status = input.oldContent === null ? 'added' : input.newContent === null ? 'deleted' : 'modified';
  const diff: FileDiff = {
    path: input.path,
    status,
    hunks,
    additions: ops.filter((op) => op.kind === 'insert').length,
    deletions: ops.filter((op) => op.kind === 'delete').length,
  };
  if (input.mode !== undefined) diff.mode = input.mode;
  return diff;
}

function diffSide(text: string): DiffSide {
  if (text === '') return { lines: [], missingFinalNewline: false };
  const lines = text.split('\n');
  const missingFinalNewline = lines.at(-1) !== '';
  if (!missingFinalNewline) lines.pop();
  return { lines, missingFinalNewline };
}

// The last line without a newline must not compare equal to the same text with one.
function keys(side: DiffSide): string[] {
  if (!side.missingFinalNewline) return [...side.lines];
  return side.lines.map((line, index) => (index === side.lines.length - 1 ? `${line}\n` : line));
}
