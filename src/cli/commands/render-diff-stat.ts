import type { FileDiff } from '../../agents/workspace-types.ts';
import { printableText } from './printable-text.ts';

const BAR_WIDTH = 40;

/** A `git diff --stat`-like summary of the change: one line per file and a total line. */
export function renderDiffStat(files: readonly FileDiff[]): string[] {
  if (files.length === 0) return ['  (no change)'];
  const width = Math.max(...files.map((file) => printableText(file.path).length));
  const most = Math.max(...files.map((file) => file.additions + file.deletions), 1);
  const lines = files.map((file) => {
    const total = file.additions + file.deletions;
    const scale = most > BAR_WIDTH ? BAR_WIDTH / most : 1;
    const bar = '+'.repeat(Math.round(file.additions * scale)) + '-'.repeat(Math.round(file.deletions * scale));
    const note = file.status === 'modified' ? '' : ` (${file.status})`;
    return `  ${printableText(file.path).padEnd(width)} | ${String(total).padStart(4)} ${bar}${note}`;
  });
  const additions = files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push(`  ${plural(files.length, 'file')} changed, ${plural(additions, 'insertion')}(+), ${plural(deletions, 'deletion')}(-)`);
  return lines;
}
