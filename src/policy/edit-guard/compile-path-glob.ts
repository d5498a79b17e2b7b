/** Longest glob accepted, in characters. */
export const MAX_GLOB_LENGTH = 500;

/**
 * A gitignore pattern taken apart at its `**` segments. The segments themselves stay gitignore
 * text (wildcards, classes, escapes): `ignore` matches them, `matchPathGlobs` places them.
 */
export interface CompiledPathGlob {
  /** The pattern as given, without surrounding whitespace: what a refusal quotes. */
  source: string;
  /** The first chunk must start at the repository root (a `/` at the start or in the middle, no leading `**`). */
  anchored: boolean;
  /** The runs of ordinary segments between `**` segments, in order. */
  chunks: string[][];
  /** The pattern ends in a `**` segment: something must lie below the last chunk. */
  trailingGlobstar: boolean;
  /** The pattern ends in `/`: it names directories, so it matches a file only through a parent. */
  directoryOnly: boolean;
}

/** A compiled glob, or why the text is not one aos accepts (completes "the glob …"). */
export type CompilePathGlobResult = { ok: true; glob: CompiledPathGlob } | { ok: false; problem: string };

const GLOBSTAR = /^\*{2,}$/;

/**
 * Reads one gitignore pattern (`gitignore(5)`): a `/` at the start or in the middle anchors it at
 * the root, otherwise it matches at any depth; a trailing `/` matches directories only; a `**`
 * segment matches any number of directories. Refused, with the reason: an empty pattern, a line
 * break or control character, `!` (it would re-allow a path, and these lists only ever add), a
 * leading `#` (gitignore reads a comment), a backslash before `/` or at the end (gitignore
 * cannot match them), and empty, `.` or `..` segments (no repository path has them).
 */
export function compilePathGlob(pattern: string): CompilePathGlobResult {
  const source = pattern.trim();
  const problem = sourceProblem(source);
  if (problem !== null) return { ok: false, problem };
  const directoryOnly = source.endsWith('/');
  let body = directoryOnly ? source.slice(0, -1) : source;
  const leadingSlash = body.startsWith('/');
  if (leadingSlash) body = body.slice(1);
  if (body === '') return { ok: false, problem: 'names no file: it is only "/"' };
  const segments = body.split('/');
  if (segments.includes('')) return { ok: false, problem: 'has an empty segment ("//")' };
  if (segments.some((segment) => segment === '.' || segment === '..'))
    return { ok: false, problem: 'has a "." or ".." segment, which no repository path has' };
  const chunks: string[][] = [];
  let run: string[] = [];
  for (const segment of segments) {
    if (!GLOBSTAR.test(segment)) {
      run.push(segment);
      continue;
    }
    if (run.length > 0) chunks.push(run);
    run = [];
  }
  if (run.length > 0) chunks.push(run);
  const leadingGlobstar = GLOBSTAR.test(segments[0] ?? '');
  const anchored = (leadingSlash || segments.length > 1) && !leadingGlobstar;
  return { ok: true, glob: { source, anchored, chunks, trailingGlobstar: GLOBSTAR.test(segments.at(-1) ?? ''), directoryOnly } };
}

function sourceProblem(source: string): string | null {
  if (source === '') return 'is empty';
  if (source.length > MAX_GLOB_LENGTH) return `is longer than ${MAX_GLOB_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\x00-\x1f\x7f]/.test(source)) return 'contains a line break or another control character';
  if (source.startsWith('!')) return 'starts with "!", which would re-allow a path: a repository can add globs, never remove one';
  if (source.startsWith('#')) return 'starts with "#", which gitignore reads as a comment (write "\\#" for a literal #)';
  if (/\\(?:\/|$)/.test(source)) return 'has a backslash before "/" or at its end, which gitignore never matches';
  return null;
}
