import { parseDependencyFile, type DependencyFileResult } from './parsers/parse-dependency-file.ts';
import { parseRequirements } from './parsers/parse-requirements.ts';
import type { ParseProblem } from './types.ts';

/** One dependency file read and parsed. */
export interface CollectedFile {
  path: string;
  result: DependencyFileResult;
}

/** Reads a file's text, or null when it does not exist (on disk, at a git ref, through an API). */
export type ReadText = (path: string) => Promise<string | null>;

/** The line of a requirements file that includes `include`, for problems about it. */
function includeLine(text: string, include: string): number {
  const base = include.split('/').pop() ?? include;
  const index = text.split(/\r?\n/).findIndex((line) => /^\s*(-r|--requirement)/.test(line) && line.includes(base));
  return index < 0 ? 1 : index + 1;
}

/**
 * Reads and parses `paths` with `read`, following `-r` includes of requirements files (each file
 * once, whatever its name). Files that are absent are left out (a file new since the base ref);
 * an include that cannot be read, or that is a URL, is a problem at the line that includes it.
 */
export async function collectDependencyFiles(paths: readonly string[], read: ReadText): Promise<{ files: CollectedFile[]; problems: ParseProblem[] }> {
  const files: CollectedFile[] = [];
  const problems: ParseProblem[] = [];
  const seen = new Set<string>();
  const queue = paths.map((path) => ({ path, includedBy: undefined as { file: string; text: string } | undefined }));
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const { path, includedBy } = item;
    if (seen.has(path)) continue;
    seen.add(path);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('/')) {
      if (includedBy) problems.push({ file: includedBy.file, line: includeLine(includedBy.text, path), message: `include ${path} not followed: only files in the repository are read` });
      continue;
    }
    const text = await read(path);
    if (text === null) {
      if (includedBy) problems.push({ file: includedBy.file, line: includeLine(includedBy.text, path), message: `included file ${path} not found` });
      continue;
    }
    const result = parseDependencyFile(text, path) ?? { ...parseRequirements(text, path), format: 'requirements' as const };
    files.push({ path, result });
    problems.push(...result.problems);
    for (const include of result.includes) queue.push({ path: include, includedBy: { file: path, text } });
  }
  return { files, problems };
}
