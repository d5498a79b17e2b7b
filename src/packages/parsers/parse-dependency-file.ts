import type { ParseResult } from '../types.ts';
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

/**
 * Parses a dependency file with the parser its path calls for; null for a file aos does not read.
 * Never throws on malformed content: problems are in the result.
 */
export function parseDependencyFile(text: string, file: string): DependencyFileResult | null {
  const format = detectFormat(file);
  if (format === null) return null;
  const result: ParseResult & { includes?: string[] } = PARSERS[format](text, file);
  return { dependencies: result.dependencies, problems: result.problems, format, includes: result.includes ?? [] };
}
