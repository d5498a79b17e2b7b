import type { Dependency, ParseResult, SourceKind } from '../types.ts';
import { normalizePythonName } from './normalize-python-name.ts';
import { recordOf, stringOf } from './plain-data.ts';
import { readTomlPackages } from './read-toml-packages.ts';

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
 * in `[manifest] members`) are `workspace`; other editable or path installs are `file`.
 */
export function parseUvLock(text: string, file: string): ParseResult {
  const { root, packages, problems } = readTomlPackages(text, file);
  const manifestMembers = recordOf(root['manifest'])?.['members'];
  const members = new Set((Array.isArray(manifestMembers) ? manifestMembers : []).map((member) => normalizePythonName(String(member))));
  const dependencies = packages.map(({ name, version, table, line }): Dependency => {
    const normalized = normalizePythonName(name);
    const source = recordOf(table['source']) ?? {};
    const dependency: Dependency = { name: normalized, version, ecosystem: 'pypi', source: 'registry', file, line };
    const location = LOCATIONS.find(([key]) => typeof source[key] === 'string');
    if (location === undefined) return dependency;
    const resolved = stringOf(source[location[0]]) ?? '';
    const isMember = location[0] === 'editable' && (resolved === '.' || members.has(normalized));
    dependency.source = isMember ? 'workspace' : location[1];
    dependency.resolved = resolved;
    return dependency;
  });
  return { dependencies, problems };
}
