import ignore from 'ignore';
import { createLruCache } from '../../lib/create-lru-cache.ts';
import { AosError } from '../../observability/aos-error.ts';
import { compilePathGlob, type CompiledPathGlob } from './compile-path-glob.ts';

/** Compiled glob lists kept at once; a worker serving many repositories stays within it. */
export const PATH_GLOB_CACHE_CAPACITY = 256;

type Ignore = ReturnType<typeof ignore>;

/** Characters an `ignore` instance may have tested before it is replaced (see `windowTester`). */
const TESTER_MEMO_CHARS = 16 * 1024;

/** Ordinary segments that `ignore` matches against a run of exactly as many path segments. */
interface Chunk {
  size: number;
  /** An `ignore` instance holding the rules; never used to test, only copied (see `windowTester`). */
  rules: Ignore;
  /** The copy that tests, and how many characters it has been given so far. */
  tester: Ignore | null;
  testedChars: number;
}

/** Every single-chunk glob of one shape, tested together: which one matched only matters for the message. */
interface Group {
  anchored: boolean;
  trailingGlobstar: boolean;
  directoryOnly: boolean;
  chunk: Chunk;
  sources: string[];
}

/** A glob with no chunk or several (`**` inside it), placed chunk by chunk. */
interface Sequence {
  glob: CompiledPathGlob;
  chunks: Chunk[];
}

interface CompiledList {
  first: string | null;
  groups: Group[];
  sequences: Sequence[];
}

const cache = createLruCache<CompiledList>(PATH_GLOB_CACHE_CAPACITY);
// Callers mostly pass the same arrays (the defaults, a repository's settings): found by identity
// first, without building the string key. Held weakly, so it is bounded by the arrays alive.
const byIdentity = new WeakMap<readonly string[], CompiledList>();

/**
 * The first glob of `globs` that matches a repository-relative POSIX path, or null, with
 * gitignore semantics (see `compilePathGlob`), case-insensitively: `secrets/` matches
 * `a/secrets/x`, `a/**\/b` matches `a/b/x`, `*.PEM` matches `key.pem`. A glob matches a path when
 * it matches the path or one of its parent directories. A string that is no repository path
 * (empty, absolute, an empty, `.` or `..` segment) counts as matched by the first glob: every list
 * this serves protects something, so what cannot be judged is refused.
 *
 * Linear in the path: `ignore` (whose wildcards never backtrack) only ever sees runs of as many
 * path segments as a glob has between its `**`, and each run is placed at the first place it
 * fits, which is the best place for everything after it; so no glob, not
 * `*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b` nor `a/**\/a/**\/a/**\/b`, can make a path slow. Compiled
 * lists are cached (at most `PATH_GLOB_CACHE_CAPACITY`). Blank entries and negations (`!…`) are
 * skipped: a protected list can only grow. Any other glob `compilePathGlob` refuses throws
 * `invalid_glob`: settings are validated before they get here.
 */
export function matchPathGlobs(globs: readonly string[], path: string): string | null {
  let list = byIdentity.get(globs);
  if (list === undefined) byIdentity.set(globs, (list = compiledList(globs)));
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return list.first;
  for (const group of list.groups) {
    const found = matchGroup(group, segments);
    if (found !== null) return found;
  }
  return list.sequences.find((sequence) => matchSequence(sequence, segments))?.glob.source ?? null;
}

/** How many compiled glob lists are cached now; never more than `PATH_GLOB_CACHE_CAPACITY`. */
export function cachedPathGlobLists(): number {
  return cache.size;
}

function compiledList(globs: readonly string[]): CompiledList {
  const key = globs.join('\n');
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const shapes = new Map<string, { glob: CompiledPathGlob; sources: string[]; rules: string[] }>();
  const sequences: Sequence[] = [];
  for (const text of globs) {
    if (text.trim() === '' || text.trim().startsWith('!')) continue;
    const compiled = compilePathGlob(text);
    if (!compiled.ok) throw new AosError('invalid_glob', `the glob ${JSON.stringify(text)} ${compiled.problem}`);
    const { glob } = compiled;
    const [only] = glob.chunks;
    if (only === undefined || glob.chunks.length > 1) {
      sequences.push({ glob, chunks: glob.chunks.map((chunk) => createChunk(chunk.length, [chunkRule(chunk)])) });
      continue;
    }
    const shape = `${glob.anchored}:${only.length}:${glob.trailingGlobstar}:${glob.directoryOnly}`;
    const entry = shapes.get(shape) ?? { glob, sources: [], rules: [] };
    entry.sources.push(glob.source);
    entry.rules.push(chunkRule(only));
    shapes.set(shape, entry);
  }
  const groups = [...shapes.values()].map(({ glob, sources, rules }): Group => ({
    anchored: glob.anchored,
    trailingGlobstar: glob.trailingGlobstar,
    directoryOnly: glob.directoryOnly,
    chunk: createChunk(glob.chunks[0]?.length ?? 0, rules),
    sources,
  }));
  const list = { first: [...shapes.values()][0]?.sources[0] ?? sequences[0]?.glob.source ?? null, groups, sequences };
  cache.set(key, list);
  return list;
}

function createChunk(size: number, rules: readonly string[]): Chunk {
  return {
    size,
    rules: ignore({ ignorecase: true }).add(rules.map((pattern, index) => ({ pattern, mark: String(index) }))),
    tester: null,
    testedChars: 0,
  };
}

/** The chunk as an anchored gitignore rule; an inner chunk's trailing spaces are escaped, since gitignore trims them only at the end of a line. */
function chunkRule(chunk: readonly string[]): string {
  return `/${chunk.join('/')}`.replace(/ +$/, (spaces) => '\\ '.repeat(spaces.length));
}

/**
 * Tests runs of path segments against a chunk's rules: the index of the rule that matches the run
 * starting at `start`, or null. `ignore` remembers every string it has tested, without bound; so
 * the testing copy (which shares the compiled rules) is replaced once it has seen
 * `TESTER_MEMO_CHARS` characters, which bounds that memory per chunk.
 */
function windowTester(chunk: Chunk, segments: readonly string[]): (start: number) => number | null {
  return (start) => {
    const window = segments.slice(start, start + chunk.size).join('/');
    if (chunk.tester === null || chunk.testedChars > TESTER_MEMO_CHARS) {
      chunk.tester = ignore().add(chunk.rules);
      chunk.testedChars = 0;
    }
    chunk.testedChars += window.length;
    const result = chunk.tester.test(window);
    return result.ignored && result.rule !== undefined ? Number(result.rule.mark) : null;
  };
}

/** First start at or after `from` where the chunk fits, with the rule that matched. */
function firstFit(chunk: Chunk, segments: readonly string[], from: number, anchored: boolean): { start: number; rule: number } | null {
  if (segments.length - from < chunk.size) return null;
  const test = windowTester(chunk, segments);
  const last = anchored ? from : segments.length - chunk.size;
  for (let start = from; start <= last; start += 1) {
    const rule = test(start);
    if (rule !== null) return { start, rule };
  }
  return null;
}

/** Whether a match that ends after `end` segments covers the path: a directory-only glob needs a directory there. */
function covers(glob: Pick<CompiledPathGlob, 'trailingGlobstar' | 'directoryOnly'>, end: number, depth: number): boolean {
  if (glob.trailingGlobstar) return depth - end >= (glob.directoryOnly ? 2 : 1);
  return end < depth || !glob.directoryOnly;
}

function matchGroup(group: Group, segments: readonly string[]): string | null {
  const fit = firstFit(group.chunk, segments, 0, group.anchored);
  if (fit === null || !covers(group, fit.start + group.chunk.size, segments.length)) return null;
  return group.sources[fit.rule] ?? null;
}

function matchSequence({ glob, chunks }: Sequence, segments: readonly string[]): boolean {
  let end = 0;
  for (const [index, chunk] of chunks.entries()) {
    const fit = firstFit(chunk, segments, end, index === 0 && glob.anchored);
    if (fit === null) return false;
    end = fit.start + chunk.size;
  }
  return covers(glob, end, segments.length);
}
