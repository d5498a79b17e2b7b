import type { DiffHunk, FileDiff } from '../agents/workspace-types.ts';

/**
 * Renders file diffs as one unified diff that `git apply` accepts: a `diff --git` header per file,
 * `new file mode` / `deleted file mode`, `/dev/null` for the missing side, `@@ -a,b +c,d @@` hunk
 * headers written as git writes them (`,1` left out) and `\ No newline at end of file` markers.
 * Files without hunks are left out unless they are added or deleted (an empty file).
 */
export function renderUnifiedDiff(diffs: readonly FileDiff[]): string {
  let text = '';
  for (const diff of diffs) {
    if (diff.hunks.length === 0 && diff.status === 'modified') continue;
    const a = quotePath(`a/${diff.path}`);
    const b = quotePath(`b/${diff.path}`);
    const lines = [`diff --git ${a} ${b}`];
    const mode = diff.mode ?? '100644';
    if (diff.status === 'added') lines.push(`new file mode ${mode}`);
    if (diff.status === 'deleted') lines.push(`deleted file mode ${mode}`);
    if (diff.hunks.length > 0) {
      lines.push(`--- ${diff.status === 'added' ? '/dev/null' : a}`, `+++ ${diff.status === 'deleted' ? '/dev/null' : b}`);
      for (const hunk of diff.hunks) lines.push(hunkHeader(hunk), ...hunk.lines);
    }
    text += `${lines.join('\n')}\n`;
  }
  return text;
}

/** The `@@ -a,b +c,d @@` line of a hunk, as git writes it. */
export function hunkHeader(hunk: DiffHunk): string {
  const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${start},${count}`);
  return `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`;
}

// eslint-disable-next-line no-control-regex -- control characters are what needs quoting
const NEEDS_QUOTING = /["\\\x00-\x1f\x7f]/g;

// Git C-quotes a name holding a quote, a backslash or a control character; others stay bare.
function quotePath(name: string): string {
  if (name.search(NEEDS_QUOTING) === -1) return name;
  const escaped = name.replace(NEEDS_QUOTING, (char) => {
    const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
    return named[char] ?? `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`;
  });
  return `"${escaped}"`;
}
