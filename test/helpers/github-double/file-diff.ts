// A line diff, for pulls.listFiles and for checking where review comments may go.

type DiffOp = { op: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

function diffLines(before: string[], after: string[]): DiffOp[] {
  const n = before.length;
  const m = after.length;
  if (n * m > 4_000_000) {
    return [
      ...before.map((text, i) => ({ op: '-' as const, text, oldLine: i + 1, newLine: 0 })),
      ...after.map((text, j) => ({ op: '+' as const, text, oldLine: 0, newLine: j + 1 })),
    ];
  }
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1)
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      ops.push({ op: ' ', text: before[i]!, oldLine: i + 1, newLine: j + 1 });
      i += 1;
      j += 1;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      ops.push({ op: '+', text: after[j]!, oldLine: 0, newLine: j + 1 });
      j += 1;
    } else {
      ops.push({ op: '-', text: before[i]!, oldLine: i + 1, newLine: 0 });
      i += 1;
    }
  }
  return ops;
}

const splitLines = (text: string | null) => (text === null || text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** Unified diff with 3 lines of context, the new-side lines it shows, and the counts GitHub reports. */
export function fileDiff(before: string | null, after: string | null) {
  const ops = diffLines(splitLines(before), splitLines(after));
  const changed = ops.map((op, index) => (op.op === ' ' ? -1 : index)).filter((index) => index >= 0);
  const ranges: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - 3);
    const end = Math.min(ops.length - 1, index + 3);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  const visibleNewLines = new Set<number>();
  const patch: string[] = [];
  for (const [start, end] of ranges) {
    const slice = ops.slice(start, end + 1);
    const oldLines = slice.filter((op) => op.op !== '+');
    const newLines = slice.filter((op) => op.op !== '-');
    const oldStart = oldLines[0]?.oldLine ?? 0;
    const newStart = newLines[0]?.newLine ?? 0;
    patch.push(`@@ -${oldStart},${oldLines.length} +${newStart},${newLines.length} @@`);
    for (const op of slice) {
      patch.push(`${op.op}${op.text}`);
      if (op.op !== '-') visibleNewLines.add(op.newLine);
    }
  }
  return {
    patch: patch.join('\n'),
    additions: ops.filter((op) => op.op === '+').length,
    deletions: ops.filter((op) => op.op === '-').length,
    visibleNewLines,
  };
}
