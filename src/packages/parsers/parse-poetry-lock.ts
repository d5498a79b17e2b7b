import type { Dependency, ParseResult, SourceKind } from '../types.ts';
import { normalizePythonName } from './normalize-python-name.ts';
import { recordOf, stringOf } from './plain-data.ts';
import { readTomlPackages, tomlTypeOf } from './read-toml-packages.ts';

const SOURCE_KINDS: Record<string, SourceKind> = { git: 'git', file: 'file', directory: 'file', url: 'tarball' };

/**
 * Reads a `poetry.lock`: each `[[package]]` at its header line. Without `[package.source]` a
 * package comes from PyPI; `git`, `file`, `directory` and `url` sources are not registry-verifiable;
 * any other source type (`legacy`, a private index) is still a registry. A file without the
 * `[metadata]` table Poetry always writes is not a poetry.lock, and a problem.
 */
export function parsePoetryLock(text: string, file: string): ParseResult {
  const { root, packages, problems, lineOf } = readTomlPackages(text, file);
  if (problems.length === 0 && recordOf(root['metadata']) === undefined) {
    problems.push({
      file,
      line: root['metadata'] === undefined ? 1 : lineOf('metadata'),
      message: 'not a poetry.lock: it has no [metadata] table',
    });
  }
  const dependencies: Dependency[] = [];
  for (const { name, version, table, line } of packages) {
    const wrong = (key: string, value: unknown, expected: string) =>
      problems.push({ file, line, message: `"${key}" of package "${name}" must be ${expected}, not ${tomlTypeOf(value)}` });
    const source = table['source'] === undefined ? {} : recordOf(table['source']);
    if (source === undefined) {
      wrong('source', table['source'], 'a table');
      continue;
    }
    const badKey = ['type', 'url', 'resolved_reference'].find((key) => source[key] !== undefined && typeof source[key] !== 'string');
    if (badKey !== undefined) {
      wrong(`source.${badKey}`, source[badKey], 'a string');
      continue;
    }
    const kind = SOURCE_KINDS[stringOf(source['type']) ?? ''] ?? 'registry';
    const dependency: Dependency = { name: normalizePythonName(name), version, ecosystem: 'pypi', source: kind, file, line };
    if (kind !== 'registry') {
      const url = stringOf(source['url']) ?? '';
      const commit = stringOf(source['resolved_reference']);
      dependency.resolved = kind === 'git' && commit !== undefined ? `${url}#${commit}` : url;
    }
    dependencies.push(dependency);
  }
  return { dependencies, problems };
}
