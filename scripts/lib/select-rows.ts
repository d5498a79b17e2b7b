/** Whether a cell matches a `where` value: equal, or starting with it when the value ends in `*`. */
export function cellMatches(cell: string | undefined, value: string): boolean {
  if (cell === undefined) return false;
  return value.endsWith('*') ? cell.startsWith(value.slice(0, -1)) : cell === value;
}

/** The rows whose cells match every value in `where` (all rows when `where` is absent). */
export function selectRows(
  rows: ReadonlyArray<Record<string, string>>,
  where: Record<string, string> | undefined,
): Array<Record<string, string>> {
  const conditions = Object.entries(where ?? {});
  return rows.filter((row) => conditions.every(([column, value]) => cellMatches(row[column], value)));
}

/** The most recent row by its `timestamp` column (the last one when there is none or on a tie). */
export function latestRow(rows: ReadonlyArray<Record<string, string>>): Record<string, string> | undefined {
  let best: Record<string, string> | undefined;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const time = row.timestamp === undefined ? Number.NaN : Date.parse(row.timestamp);
    const key = Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
    if (best === undefined || key >= bestTime) {
      best = row;
      bestTime = key;
    }
  }
  return best;
}
