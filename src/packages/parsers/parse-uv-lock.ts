import type { Dependency, ParseResult, SourceKind } from '../types.ts';
import { normalizePythonName } from './normalize-python-name.ts';
import { recordOf } from './plain-data.ts';
import { readTomlPackages, tomlTypeOf } from './read-toml-packages.ts';

const LOCATIONS: ReadonlyArray<readonly [string, SourceKind]> = [
  ['git', 'git'],
  ['url', 'tarball'],
  ['path', 'file'],
  ['directory', 'file'],
  ['editable', 'file'],
  ['virtual', 'workspace'],
];

/**
 * Reads a `uv.lock`: each `[[package]]` at its header line, classified by its `source` inline
 * table. The project itself and workspace members (`editable = "."`, `virtual`, or a name listed
 * in `[manifest] members`) are `workspace`; other editable or path installs are `file`. A file
 * without the integer `version` uv always writes is not a uv.lock, and a problem.
 */
export function parseUvLock(text: string, file: string): ParseResult {
  const { root, packages, problems, lineOf } = readTomlPackages(text, file);
  if (problems.length === 0 && !Number.isInteger(root['version'])) {
    problems.push({
      file,
      line: root['version'] === undefined ? 1 : lineOf('version'),
      message: 'not a uv.lock: it has no integer "version"',
    });
  }
  const manifestMembers = recordOf(root['manifest'])?.['members'];
  const members = new Set((Array.isArray(manifestMembers) ? manifestMembers : []).map((member) => normalizePythonName(String(member))));
  const dependencies: Dependency[] = [];
  for (const { name, version, table, line } of packages) {
    const wrong = (key: string, value: unknown, expected: string) =>
      problems.push({ file, line, message: `"${key}" of package "${name}" must be ${expected}, not ${tomlTypeOf(value)}` });
    const normalized = normalizePythonName(name);
    const source = table['source'] === undefined ? {} : recordOf(table['source']);
    if (source === undefined) {
      wrong('source', table['source'], 'a table');
      continue;
    }
    const badKey = ['registry', ...LOCATIONS.map(([key]) => key)].find(
      (key) => source[key] !== undefined && typeof source[key] !== 'string',
    );
    if (badKey !== undefined) {
      wrong(`source.${badKey}`, source[badKey], 'a string');
      continue;
    }
    const dependency: Dependency = { name: normalized, version, ecosystem: 'pypi', source: 'registry', file, line };
    const location = LOCATIONS.find(([key]) => typeof source[key] === 'string');
    if (location !== undefined) {
      const resolved = source[location[0]] as string;
      const isMember = location[0] === 'editable' && (resolved === '.' || members.has(normalized));
      dependency.source = isMember ? 'workspace' : location[1];
      dependency.resolved = resolved;
    }
    dependencies.push(dependency);
  }
  return { dependencies, problems };
}
