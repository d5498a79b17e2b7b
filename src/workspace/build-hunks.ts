import type { DiffOp } from './diff-lines.ts';
import type { DiffHunk } from '../agents/workspace-types.ts';

/** A file cut into lines for diffing; `missingFinalNewline` when its last line has no `\n`. */
export interface DiffSide {
  lines: readonly string[];
  missingFinalNewline: boolean;
}

const NO_NEWLINE = '\\ No newline at end of file';

/**
 * Groups a line diff into unified-diff hunks with `context` lines around each change; changes
 * separated by at most twice the context share a hunk. Start numbers follow git: 1-based, and the
 * line before the hunk when it has no line on that side (`@@ -0,0 +1,3 @@` for a new file).
 */
export function buildHunks(ops: readonly DiffOp[], before: DiffSide, after: DiffSide, context = 3): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let index = 0;
  while (index < ops.length) {
    if (ops[index]?.kind === 'equal') {
      index += 1;
      continue;
    }
    const start = Math.max(index - context, 0);
    let end = index;
    for (let scan = index; scan < ops.length;) {
      if (ops[scan]?.kind !== 'equal') {
        end = scan + 1;
        scan += 1;
        continue;
      }
      let run = 0;
      while (ops[scan + run]?.kind === 'equal') run += 1;
      if (run > 2 * context || scan + run >= ops.length) break;
      scan += run;
    }
    const stop = Math.min(end + context, ops.length);
    hunks.push(hunkOf(ops, start, stop, before, after));
    index = stop;
  }
  return hunks;
}

function hunkOf(ops: readonly DiffOp[], start: number, stop: number, before: DiffSide, after: DiffSide): DiffHunk {
  const hunk: DiffHunk = { oldStart: 0, oldLines: 0, newStart: 0, newLines: 0, lines: [], addedLines: [] };
  let oldFirst: number | null = null;
  let newFirst: number | null = null;
  const isLastOld = (i: number): boolean => before.missingFinalNewline && i === before.lines.length - 1;
  const isLastNew = (i: number): boolean => after.missingFinalNewline && i === after.lines.length - 1;
  for (const op of ops.slice(start, stop)) {
    if (op.kind !== 'insert') {
      oldFirst ??= op.oldIndex;
      hunk.oldLines += 1;
    }
    if (op.kind !== 'delete') {
      newFirst ??= op.newIndex;
      hunk.newLines += 1;
    }
    if (op.kind === 'equal') hunk.lines.push(` ${after.lines[op.newIndex] ?? ''}`);
    else if (op.kind === 'delete') hunk.lines.push(`-${before.lines[op.oldIndex] ?? ''}`);
    else {
      hunk.lines.push(`+${after.lines[op.newIndex] ?? ''}`);
      hunk.addedLines.push(op.newIndex + 1);
    }
    if (op.kind === 'insert' ? isLastNew(op.newIndex) : isLastOld(op.oldIndex)) hunk.lines.push(NO_NEWLINE);
  }
  hunk.oldStart = oldFirst === null ? linesBefore(ops, start, 'old') : oldFirst + 1;
  hunk.newStart = newFirst === null ? linesBefore(ops, start, 'new') : newFirst + 1;
  return hunk;
}

function linesBefore(ops: readonly DiffOp[], start: number, side: 'old' | 'new'): number {
  const skip = side === 'old' ? 'insert' : 'delete';
  return ops.slice(0, start).filter((op) => op.kind !== skip).length;
}
