import { valid } from 'semver';
import type { ParseProblem, ParseResult } from '../types.ts';
import { parsePackageJson } from './parse-package-json.ts';
import { parsePackageLock } from './parse-package-lock.ts';
import { parsePnpmLock } from './parse-pnpm-lock.ts';
import { parsePoetryLock } from './parse-poetry-lock.ts';
import { parseRequirements } from './parse-requirements.ts';
import { parseUvLock } from './parse-uv-lock.ts';
import { parseYarnLock } from './parse-yarn-lock.ts';

/** The dependency files aos can read. */
export type DependencyFormat = 'package-json' | 'package-lock' | 'yarn-lock' | 'pnpm-lock' | 'requirements' | 'poetry-lock' | 'uv-lock';

/** A parsed dependency file: the parser's result, its format, and the files it includes (requirements `-r`). */
export interface DependencyFileResult extends ParseResult {
  format: DependencyFormat;
  includes: string[];
}

const BY_BASENAME: Record<string, DependencyFormat> = {
  'package.json': 'package-json',
  'package-lock.json': 'package-lock',
  'npm-shrinkwrap.json': 'package-lock',
  'yarn.lock': 'yarn-lock',
  'pnpm-lock.yaml': 'pnpm-lock',
  'poetry.lock': 'poetry-lock',
  'uv.lock': 'uv-lock',
};

const PARSERS: Record<DependencyFormat, (text: string, file: string) => ParseResult> = {
  'package-json': parsePackageJson,
  'package-lock': parsePackageLock,
  'yarn-lock': parseYarnLock,
  'pnpm-lock': parsePnpmLock,
  requirements: parseRequirements,
  'poetry-lock': parsePoetryLock,
  'uv-lock': parseUvLock,
};

/**
 * The format of a dependency file from its path, or null when aos does not read it. Requirements
 * files are `requirements*.txt` anywhere, and any `.txt` inside a `requirements/` folder (the
 * usual home of the files that `-r` includes).
 */
export function detectFormat(path: string): DependencyFormat | null {
  const parts = path.split(/[/\\]/);
  const base = parts[parts.length - 1] ?? '';
  const known = BY_BASENAME[base];
  if (known !== undefined) return known;
  if (/^requirements.*\.txt$/i.test(base)) return 'requirements';
  if (/\.txt$/i.test(base) && parts[parts.length - 2] === 'requirements') return 'requirements';
  return null;
}

/** Formats whose dependencies are locked: each registry dependency must name one exact version. */
const LOCKFILES: ReadonlySet<DependencyFormat> = new Set(['package-lock', 'yarn-lock', 'pnpm-lock', 'poetry-lock', 'uv-lock']);
const NPM_LOCKFILES: ReadonlySet<DependencyFormat> = new Set(['package-lock', 'yarn-lock', 'pnpm-lock']);

/** Problems of the text itself, before any parser: bytes that were not UTF-8, and NUL characters. */
function textProblems(text: string, file: string): ParseProblem[] {
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const problems: ParseProblem[] = [];
  const replaced = text.indexOf('\uFFFD');
  if (replaced !== -1)
    problems.push({ file, line: lineAt(replaced), message: 'not valid UTF-8: this line holds bytes that are not UTF-8 text' });
  const nul = text.indexOf('\u0000');
  if (nul !== -1) problems.push({ file, line: lineAt(nul), message: 'a NUL character: this is not a text file' });
  return problems;
}

/**
 * A registry dependency of a lockfile that does not say which version it locks (none, a range,
 * a placeholder): installing it could fetch anything, so it cannot pass. Reported once per line,
 * and only where the parser did not already say what is wrong there.
 */
function lockedVersionProblems(result: ParseResult, format: DependencyFormat): ParseProblem[] {
  if (!LOCKFILES.has(format)) return [];
  const known = new Set(result.problems.map((problem) => problem.line));
  const problems: ParseProblem[] = [];
  for (const { source, version, name, file, line } of result.dependencies) {
    const exact = NPM_LOCKFILES.has(format) ? valid(version) !== null : version.trim() !== '';
    if (source !== 'registry' || exact || known.has(line)) continue;
    known.add(line);
    problems.push({ file, line, message: `${name} is locked at ${JSON.stringify(version)}, which is not one exact version` });
  }
  return problems;
}

/**
 * Parses a dependency file with the parser its path calls for; null for a file aos does not read.
 * Never throws on malformed content: every reason the file cannot be read fully is a problem with
 * its line, whatever the parser: text that is not UTF-8 or holds NUL characters, an empty file
 * where the format needs content (an empty requirements file is valid), a parser that failed
 * outright, and a lockfile entry that locks no exact version.
 */
export function parseDependencyFile(text: string, file: string): DependencyFileResult | null {
  const format = detectFormat(file);
  if (format === null) return null;
  const problems = textProblems(text, file);
  if (format !== 'requirements' && text.trim() === '') {
    return { dependencies: [], problems: [...problems, { file, line: 1, message: 'the file is empty' }], format, includes: [] };
  }
  let result: ParseResult & { includes?: string[] };
  try {
    result = PARSERS[format](text, file);
  } catch (error) {
    // A parser's own bug, or a limit it met (a stack overflow): the file still cannot pass.
    const reason = error instanceof Error ? error.message : String(error);
    return { dependencies: [], problems: [...problems, { file, line: 1, message: `could not be read: ${reason}` }], format, includes: [] };
  }
  problems.push(...result.problems, ...lockedVersionProblems(result, format));
  return { dependencies: result.dependencies, problems, format, includes: result.includes ?? [] };
}
