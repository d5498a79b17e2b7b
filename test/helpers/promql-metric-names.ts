/** Words of PromQL that are not metric names where they stand (keywords, set operators, special numbers). */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'and',
  'or',
  'unless',
  'atan2',
  'inf',
  'nan',
]);

/** The suffixes of a histogram's series. */
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

/**
 * The metric names a PromQL expression selects, in order of first use. Not a full parser, but the
 * parts that hold identifiers which are not metric names are removed first: strings, comments,
 * label matchers (`{…}`), ranges and subqueries (`[5m]`, `[1h:1m]`, Grafana's `$__rate_interval`),
 * label lists of `by`/`without`/`on`/`ignoring`/`group_left`/`group_right`, `offset` and `@`
 * modifiers. Of what is left, an identifier followed by `(` is a function or aggregation, and
 * keywords are skipped; an identifier glued to a digit, `.` or `$` is part of a number or variable.
 */
export function promqlMetricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/#[^\n]*/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ')
    .replace(/\boffset\s+-?[\w$]+/gi, ' ')
    .replace(/@\s*(?:start|end)\s*\(\s*\)|@\s*[\d.]+/g, ' ');
  const names: string[] = [];
  for (const match of stripped.matchAll(/(?<![\w.:$])([a-zA-Z_:][\w:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (call || KEYWORDS.has(name!.toLowerCase()) || names.includes(name!)) continue;
    names.push(name!);
  }
  return names;
}

/** The family a series name belongs to: `x_bucket`, `x_sum` and `x_count` belong to histogram `x` when `x` is one. */
export function metricFamilyOf(name: string, histograms: ReadonlySet<string>): string {
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (name.endsWith(suffix) && histograms.has(name.slice(0, -suffix.length))) return name.slice(0, -suffix.length);
  }
  return name;
}

/** What a scrape of Prometheus text exposes: each family's type, and the series names that have a sample. */
export function parseExposition(text: string): { types: Map<string, string>; sampled: Set<string> } {
  const types = new Map<string, string>();
  const sampled = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    else if (line !== '' && !line.startsWith('#')) sampled.add(/^[^{\s]+/.exec(line)![0]);
  }
  return { types, sampled };
}
