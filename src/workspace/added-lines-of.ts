import type { AddedLine } from '../policy/edit-guard/index.ts';
import type { FileDiff } from '../agents/workspace-types.ts';

/** The `+` lines of a file diff with their new-file line numbers: what the edit guard inspects. */
export function addedLinesOf(diff: FileDiff): AddedLine[] {
  const added: AddedLine[] = [];
  for (const hunk of diff.hunks) {
    let next = 0;
    for (const line of hunk.lines) {
      if (!line.startsWith('+')) continue;
      added.push({ line: hunk.addedLines[next] ?? 0, text: line.slice(1) });
      next += 1;
    }
  }
  return added;
}
