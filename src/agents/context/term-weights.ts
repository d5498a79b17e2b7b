/** The least weight a term can have, so a term in every file still counts a little. */
const FLOOR = 0.05;

/**
 * How much each key (a task term, or a task word a file declares) tells files apart in this
 * repository, between 0.05 and 1: BM25's inverse document frequency `ln(1 + (N − n + 0.5) / (n + 0.5))`
 * (N files, n of them having the key) divided by its value for a key no file has. A term most
 * files use ("request" in an HTTP library) weighs little; a term only the right file uses weighs
 * nearly 1.
 */
export function termWeights<File>(
  keys: readonly string[],
  files: readonly File[],
  has: (file: File, key: string) => boolean,
): Map<string, number> {
  const total = files.length;
  const top = Math.log(1 + (total + 0.5) / 0.5);
  const weights = new Map<string, number>();
  for (const key of keys) {
    const having = files.filter((file) => has(file, key)).length;
    weights.set(key, Math.max(FLOOR, Math.log(1 + (total - having + 0.5) / (having + 0.5)) / top));
  }
  return weights;
}
