/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two neighbours (the
 * optimal-string-alignment form of Damerau–Levenshtein). Stops early and returns `max + 1` once
 * the distance must exceed `max`.
 */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (Number.isFinite(max) && bagDistance(a, b) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? 0;
}

// Per-character tallies, reset after every use; one UTF-16 code unit per slot.
const counts = new Int32Array(65_536);

/**
 * A lower bound of the edit distance: characters of one string that the other lacks (a swap
 * moves none, every other edit changes at most one on each side). Cheap, and it rules out almost
 * every pair of unrelated names before the quadratic table is built.
 */
function bagDistance(a: string, b: string): number {
  for (let i = 0; i < a.length; i += 1) counts[a.charCodeAt(i)] = (counts[a.charCodeAt(i)] ?? 0) + 1;
  for (let i = 0; i < b.length; i += 1) counts[b.charCodeAt(i)] = (counts[b.charCodeAt(i)] ?? 0) - 1;
  let surplus = 0;
  let deficit = 0;
  // Read and reset only the slots these two strings touched.
  for (const text of [a, b]) {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      const count = counts[code] ?? 0;
      if (count > 0) surplus += count;
      else deficit -= count;
      counts[code] = 0;
    }
  }
  return Math.max(surplus, deficit);
}
