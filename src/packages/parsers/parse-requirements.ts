import type { Dependency, ParseProblem, ParseResult } from '../types.ts';
import { joinRequirementLines } from './join-requirement-lines.ts';
import { parseRequirementSpec } from './parse-requirement-spec.ts';
import { readRequirementLine } from './read-requirement-line.ts';
import { resolveRequirementInclude } from './resolve-requirement-include.ts';

/** A requirements file's result, plus the files it includes with `-r`/`-c` for the caller to read. */
export interface RequirementsParseResult extends ParseResult {
  /** Included files inside the repository, resolved against the including file's folder; the others are problems. */
  includes: string[];
}

/**
 * Reads a pip requirements file: requirements with extras, specifiers and markers, with pip's
 * options stripped (`--hash`, `-C`, `-i`, …, also across backslash continuations; a requirement
 * is reported at its first line), `-e` editable installs, VCS URLs, direct references and local
 * paths (as not registry-verifiable), `${VAR}` placeholders (likewise). `-r`/`-c` includes are
 * returned, not read; one that leaves the repository is a problem at its line.
 */
export function parseRequirements(text: string, file: string): RequirementsParseResult {
  const dependencies: Dependency[] = [];
  const problems: ParseProblem[] = [];
  const includes: string[] = [];
  for (const { line, text: logical } of joinRequirementLines(text)) {
    const read = readRequirementLine(logical);
    if (read.kind === 'error') problems.push({ file, line, message: read.message });
    if (read.kind === 'include') {
      const include = resolveRequirementInclude(file, read.target);
      if (include.kind === 'refused') problems.push({ file, line, message: include.message });
      else includes.push(include.path);
    }
    if (read.kind !== 'requirement') continue;
    const parsed = parseRequirementSpec(read.spec, file, line, read.editable);
    if ('error' in parsed) problems.push({ file, line, message: parsed.error });
    else dependencies.push(parsed);
  }
  return { dependencies, problems, includes };
}
