/** At most this many matches are reported: enough to say "ambiguous" and where. */
const MAX_MATCHES = 20;

/**
 * The 0-based start indexes at which `block` occurs in `lines` as whole lines, comparing each
 * pair of lines after `normalize`. Stops after 20 matches.
 */
export function findLineBlock(lines: readonly string[], block: readonly string[], normalize: (line: string) => string): number[] {
  const wanted = block.map(normalize);
  const have = lines.map(normalize);
  const starts: number[] = [];
  for (let start = 0; start + wanted.length <= have.length && starts.length < MAX_MATCHES; start += 1) {
    if (wanted.every((line, offset) => have[start + offset] === line)) starts.push(start);
  }
  return starts;
}
