/** One step of a line diff: indexes are 0-based into the old and new line arrays. */
export type DiffOp =
  { kind: 'equal'; oldIndex: number; newIndex: number } | { kind: 'delete'; oldIndex: number } | { kind: 'insert'; newIndex: number };

// Myers keeps one snapshot per edit step, O(D²) memory: past this many differing lines the middle
// is reported as replaced wholesale, a valid if not minimal diff.
const MAX_EDIT_DISTANCE = 3000;

/**
 * A shortest line diff (Myers' O(ND) algorithm) of two line arrays, after the common head and
 * tail are taken out. Within each run of changes, deletions come before insertions, as in git.
 */
export function diffLines(oldLines: readonly string[], newLines: readonly string[]): DiffOp[] {
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head += 1;
  let tail = 0;
  while (
    tail < oldLines.length - head &&
    tail < newLines.length - head &&
    oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
  )
    tail += 1;
  const ids = new Map<string, number>();
  const intern = (line: string): number => ids.get(line) ?? ids.set(line, ids.size).size - 1;
  const a = oldLines.slice(head, oldLines.length - tail).map(intern);
  const b = newLines.slice(head, newLines.length - tail).map(intern);
  const middle = myers(a, b) ?? [
    ...a.map((_, i) => ({ kind: 'delete', oldIndex: i }) as const),
    ...b.map((_, i) => ({ kind: 'insert', newIndex: i }) as const),
  ];
  const ops: DiffOp[] = [];
  for (let i = 0; i < head; i += 1) ops.push({ kind: 'equal', oldIndex: i, newIndex: i });
  for (const op of middle) ops.push(shift(op, head));
  for (let i = 0; i < tail; i += 1) ops.push({ kind: 'equal', oldIndex: oldLines.length - tail + i, newIndex: newLines.length - tail + i });
  return deletionsFirst(ops);
}

function myers(a: readonly number[], b: readonly number[]): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= n + m; d += 1) {
    if (d > MAX_EDIT_DISTANCE) return null;
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return [];
}

function backtrack(trace: readonly Int32Array[], n: number, m: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const snapshot = trace[d] ?? new Int32Array(0);
    const at = (k: number): number => snapshot[k + d + 1] ?? 0;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      ops.push({ kind: 'equal', oldIndex: x, newIndex: y });
    }
    if (d > 0) ops.push(x === prevX ? { kind: 'insert', newIndex: y - 1 } : { kind: 'delete', oldIndex: x - 1 });
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

function shift(op: DiffOp, by: number): DiffOp {
  if (op.kind === 'equal') return { kind: 'equal', oldIndex: op.oldIndex + by, newIndex: op.newIndex + by };
  return op.kind === 'delete' ? { kind: 'delete', oldIndex: op.oldIndex + by } : { kind: 'insert', newIndex: op.newIndex + by };
}

function deletionsFirst(ops: readonly DiffOp[]): DiffOp[] {
  const result: DiffOp[] = [];
  let deletes: DiffOp[] = [];
  let inserts: DiffOp[] = [];
  const flush = (): void => {
    result.push(...deletes, ...inserts);
    deletes = [];
    inserts = [];
  };
  for (const op of ops) {
    if (op.kind === 'equal') {
      flush();
      result.push(op);
    } else if (op.kind === 'delete') deletes.push(op);
    else inserts.push(op);
  }
  flush();
  return result;
}
