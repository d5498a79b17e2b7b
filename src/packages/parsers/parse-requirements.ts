import { posix } from 'node:path';
import type { Dependency, ParseProblem, ParseResult } from '../types.ts';
import { joinRequirementLines } from './join-requirement-lines.ts';
import { parseRequirementSpec } from './parse-requirement-spec.ts';

/** A requirements file's result, plus the files it includes with `-r` for the caller to read. */
export interface RequirementsParseResult extends ParseResult {
  /** Included files, resolved against the including file's folder (URLs and absolute paths as written). */
  includes: string[];
}

const INCLUDE = /^(?:-r\s*|--requirement(?:\s*=\s*|\s+))(\S+)$/;
const EDITABLE = /^(?:-e\s*|--editable(?:\s*=\s*|\s+))(\S.*)$/;
const GLOBAL_OPTION =
  /^(?:-[cifZ]|--(?:constraint|index-url|extra-index-url|no-index|find-links|no-binary|only-binary|prefer-binary|require-hashes|pre|trusted-host|use-feature|always-unzip))(?:[\s=]|$)/;

/**
 * Reads a pip requirements file: requirements with extras, specifiers and markers, per-requirement
 * options such as `--hash` (also across backslash continuations; a requirement is reported at its
 * first line), `-e` editable installs, VCS URLs, direct references and local paths. `-r` includes
 * are returned, not read; constraint files (`-c`) and index options declare no dependencies.
 */
export function parseRequirements(text: string, file: string): RequirementsParseResult {
  const dependencies: Dependency[] = [];
  const problems: ParseProblem[] = [];
  const includes: string[] = [];
  for (const { line, text: logical } of joinRequirementLines(text)) {
    const include = INCLUDE.exec(logical)?.[1];
    if (include !== undefined) {
      includes.push(resolveInclude(file, include));
      continue;
    }
    if (GLOBAL_OPTION.test(logical)) continue;
    const editable = EDITABLE.exec(logical)?.[1];
    if (editable === undefined && logical.startsWith('-')) {
      problems.push({ file, line, message: `unknown option ${JSON.stringify(logical.split(/\s/)[0])}` });
      continue;
    }
    const spec = (editable ?? logical).split(/\s+--[a-z]/i)[0]?.trim() ?? '';
    const parsed = parseRequirementSpec(spec, file, line);
    if ('error' in parsed) problems.push({ file, line, message: parsed.error });
    else dependencies.push(parsed);
  }
  return { dependencies, problems, includes };
}

function resolveInclude(file: string, include: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(include) || include.startsWith('/')) return include;
  return posix.normalize(posix.join(posix.dirname(file), include));
}
