/** One logical line of a requirements file: continuations joined, comment removed. */
export interface LogicalLine {
  /** 1-based line where the logical line starts. */
  line: number;
  text: string;
}

/**
 * Joins backslash continuations into logical lines, each at the line where it starts, and strips
 * comments the way pip does: `#` at the start of a line or after whitespace (a URL fragment such
 * as `#egg=name` is kept). Blank results are dropped.
 */
export function joinRequirementLines(text: string): LogicalLine[] {
  const logical: LogicalLine[] = [];
  let pending: LogicalLine | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const start = pending ?? { line: index + 1, text: '' };
    const continued = /(?:^|[^\\])\\$/.test(raw) && !/(?:^|\s)#/.test(raw);
    start.text += continued ? `${raw.slice(0, -1)} ` : raw;
    pending = continued ? start : undefined;
    if (!continued) logical.push(start);
  });
  if (pending) logical.push(pending);
  return logical
    .map(({ line, text: joined }) => ({ line, text: joined.replace(/(?:^|\s)#.*$/, '').trim() }))
    .filter((entry) => entry.text !== '');
}
