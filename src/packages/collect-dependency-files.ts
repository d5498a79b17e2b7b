import { joinRequirementLines } from './parsers/join-requirement-lines.ts';
import { parseDependencyFile, type DependencyFileResult } from './parsers/parse-dependency-file.ts';
import { parseRequirements } from './parsers/parse-requirements.ts';
import { readRequirementLine } from './parsers/read-requirement-line.ts';
import { resolveRequirementInclude } from './parsers/resolve-requirement-include.ts';
import type { ParseProblem } from './types.ts';

/** One dependency file read and parsed. */
export interface CollectedFile {
  path: string;
  result: DependencyFileResult;
}

/**
 * Reads a file's text: null when it does not exist (on disk, at a git ref, through an API);
 * `refused` when the reader will not read it (a symbolic link out of the repository), with why.
 */
export type ReadText = (path: string) => Promise<string | null | { refused: string }>;

/** Includes nest a few files deep in practice; a longer chain is a mistake or an attack. */
export const MAX_INCLUDE_DEPTH = 16;

interface Include {
  path: string;
  target: string;
  line: number;
}

/** The includes of a requirements file that stay in the repository, each with its line and text. */
function includesOf(text: string, file: string): Include[] {
  return joinRequirementLines(text).flatMap(({ line, text: logical }) => {
    const read = readRequirementLine(logical);
    if (read.kind !== 'include') return [];
    const include = resolveRequirementInclude(file, read.target);
    return include.kind === 'path' ? [{ path: include.path, target: read.target, line }] : [];
  });
}

interface QueueItem {
  path: string;
  /** The files that include this one, outermost first. */
  chain: string[];
  includedBy?: { file: string; include: Include };
}

/**
 * Reads and parses `paths` with `read`, following the `-r`/`-c` includes of requirements files
 * (each file once, whatever its name; an included file is always read as requirements, as pip
 * does). Includes that leave the repository are problems of the parser and never reach `read`;
 * a cycle, a chain deeper than {@link MAX_INCLUDE_DEPTH}, an included file that is missing or
 * refused by the reader is a problem at the line of the include. Listed files that are absent
 * are left out (a file new since the base ref).
 */
export async function collectDependencyFiles(
  paths: readonly string[],
  read: ReadText,
): Promise<{ files: CollectedFile[]; problems: ParseProblem[] }> {
  const files: CollectedFile[] = [];
  const problems: ParseProblem[] = [];
  const seen = new Set<string>();
  const queue: QueueItem[] = paths.map((path) => ({ path, chain: [] }));
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const { path, chain, includedBy } = item;
    if (seen.has(path)) continue;
    seen.add(path);
    const at = (message: string): ParseProblem =>
      includedBy ? { file: includedBy.file, line: includedBy.include.line, message } : { file: path, line: 1, message };
    const text = await read(path);
    if (text === null) {
      if (includedBy) problems.push(at(`included file ${path} not found`));
      continue;
    }
    if (typeof text !== 'string') {
      problems.push(at(`${includedBy ? `include ${includedBy.include.target}` : path}: ${text.refused}`));
      continue;
    }
    const parsed = parseDependencyFile(text, path);
    const result =
      parsed !== null && (parsed.format === 'requirements' || includedBy === undefined)
        ? parsed
        : { ...parseRequirements(text, path), format: 'requirements' as const };
    files.push({ path, result });
    problems.push(...result.problems);
    if (result.format !== 'requirements') continue;
    const lineage = [...chain, path];
    for (const include of includesOf(text, path)) {
      if (lineage.includes(include.path)) {
        problems.push({
          file: path,
          line: include.line,
          message: `include cycle: ${[...lineage.slice(lineage.indexOf(include.path)), include.path].join(' → ')} (not followed)`,
        });
      } else if (lineage.length > MAX_INCLUDE_DEPTH) {
        problems.push({
          file: path,
          line: include.line,
          message: `include ${include.target} nested more than ${MAX_INCLUDE_DEPTH} files deep: not followed`,
        });
      } else {
        queue.push({ path: include.path, chain: lineage, includedBy: { file: path, include } });
      }
    }
  }
  return { files, problems };
}
