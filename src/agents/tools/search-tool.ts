import { compilePathGlob, matchPathGlobs } from '../../policy/edit-guard/index.ts';
import type { Workspace } from '../workspace-types.ts';
import { compileLineMatcher } from './compile-line-matcher.ts';
import { parseSearchPattern } from './parse-search-pattern.ts';
import type { ToolLimits } from './tool-limits.ts';

/** Characters of a matching line shown; longer lines are cut (minified files). */
const MAX_LINE_CHARS = 200;

type Matcher = (line: string, maxSteps: number) => { found: boolean; steps: number };

function matcherFor(pattern: string, regex: boolean): { ok: true; match: Matcher } | { ok: false; message: string } {
  if (!regex) return { ok: true, match: (line) => ({ found: line.includes(pattern), steps: 0 }) };
  const parsed = parseSearchPattern(pattern);
  if (!parsed.ok) return { ok: false, message: `refused: the pattern ${parsed.problem}` };
  const compiled = compileLineMatcher(parsed.node);
  if (!compiled) return { ok: false, message: 'refused: the pattern is too large once its repeats are expanded' };
  return {
    ok: true,
    match: (line, maxSteps) => {
      const result = compiled.match(line, maxSteps);
      return { found: result.index >= 0, steps: result.steps };
    },
  };
}

/**
 * `search`: lines matching a literal (default) or a regular expression over the tree as the run
 * sees it, optionally only in files matching a gitignore-style glob. Regular expressions run on a
 * linear-time automaton (no backreferences, no lookarounds), so no pattern can hang the search.
 * The scan is bounded by bytes read (`maxSearchBytes`), by automaton steps (`maxSearchSteps`,
 * its time budget, counted so the stop is deterministic) and by `maxSearchMatches`; a search cut
 * short says where and why. Secret files are skipped without being read.
 */
export async function searchTool(
  workspace: Workspace,
  args: { pattern: string; regex?: boolean | undefined; path_glob?: string | undefined },
  limits: Pick<ToolLimits, 'maxSearchBytes' | 'maxSearchSteps' | 'maxSearchMatches'>,
): Promise<string> {
  if (args.pattern === '') return 'refused: the pattern is empty';
  const matcher = matcherFor(args.pattern, args.regex === true);
  if (!matcher.ok) return matcher.message;
  let globs: string[] | null = null;
  if (args.path_glob !== undefined && args.path_glob.trim() !== '') {
    const glob = compilePathGlob(args.path_glob);
    if (!glob.ok) return `refused: the path_glob ${glob.problem}`;
    globs = [glob.glob.source];
  }
  const files = (await workspace.listTree()).filter((entry) => globs === null || matchPathGlobs(globs, entry.path) !== null);
  const matches: string[] = [];
  let bytes = 0;
  let steps = 0;
  let scanned = 0;
  let skippedSecret = 0;
  let stop: string | null = null;
  for (const entry of files) {
    if (workspace.isSecretFile(entry.path)) {
      skippedSecret += 1;
      continue;
    }
    if (bytes + entry.size > limits.maxSearchBytes) {
      stop = `stopped early: the next file would pass the scan budget of ${limits.maxSearchBytes} bytes`;
      break;
    }
    const text = await workspace.readFile(entry.path);
    bytes += entry.size;
    scanned += 1;
    if (text === null) continue;
    const lines = text.split('\n');
    for (let index = 0; index < lines.length && stop === null; index += 1) {
      const line = lines[index]!;
      const result = matcher.match(line, limits.maxSearchSteps - steps);
      steps += result.steps;
      if (result.found) {
        const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
        matches.push(`${entry.path}:${index + 1}: ${shown}`);
        if (matches.length >= limits.maxSearchMatches) stop = `stopped at ${limits.maxSearchMatches} matches`;
      }
      if (steps > limits.maxSearchSteps)
        stop = `stopped early: the pattern used up the search's time budget of ${limits.maxSearchSteps} steps`;
    }
    if (stop !== null) break;
  }
  const scope = `${scanned} of ${files.length - skippedSecret} file(s) scanned, ${bytes} bytes`;
  const notes = [
    ...(stop === null ? [] : [`${stop} (${scope}); narrow path_glob or the pattern to see the rest`]),
    ...(skippedSecret > 0 ? [`${skippedSecret} secret file(s) skipped: never readable`] : []),
  ];
  const head = `${matches.length} matching line(s)${stop === null ? ` (${scope})` : ''}`;
  return [head, ...matches, ...notes.map((note) => `[${note}]`)].join('\n');
}
