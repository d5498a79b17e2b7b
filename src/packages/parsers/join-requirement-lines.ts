/** One logical line of a requirements file: continuations joined, comment removed. */
export interface LogicalLine {
  /** 1-based line where the logical line starts, counted in `\n` as editors and GitHub count. */
  line: number;
  text: string;
}

// Python's str.splitlines, which pip uses, also ends a line at these: a requirement written after
// one of them on a comment line is installed by pip, so it must not vanish into the comment here.
// eslint-disable-next-line no-control-regex -- these control characters are line ends for pip
const OTHER_LINE_ENDS = /\r(?!\n)|[\v\f\x1c-\x1e\x85\u2028\u2029]/;
// pip checks for a comment only at the start of the line before joining (re.match).
const COMMENT_LINE = /^\s*#/;

/**
 * Splits a requirements file into logical lines as pip does: lines end where Python's
 * `splitlines` ends them, a line ending in `\` is joined to the next one (unless it is a
 * comment), a comment is `#` at the start or after whitespace (a URL fragment such as
 * `#egg=name` is kept), a leading byte order mark is dropped. Blank results are left out.
 */
export function joinRequirementLines(text: string): LogicalLine[] {
  const logical: LogicalLine[] = [];
  let pending: LogicalLine | undefined;
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((physical, index) => {
      for (const raw of physical.split(OTHER_LINE_ENDS)) {
        const start = pending ?? { line: index + 1, text: '' };
        const continued = raw.endsWith('\\') && !COMMENT_LINE.test(raw);
        start.text += continued ? raw.replace(/^\\+|\\+$/g, '') : raw;
        pending = continued ? start : undefined;
        if (!continued) logical.push(start);
      }
    });
  if (pending) logical.push(pending);
  return logical
    .map(({ line, text: joined }) => ({ line, text: joined.replace(/(?:^|\s)#.*$/, '').trim() }))
    .filter((entry) => entry.text !== '');
}
