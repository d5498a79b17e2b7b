import type { Dependency, ParseResult, SourceKind } from '../types.ts';
import { normalizePythonName } from './normalize-python-name.ts';
import { recordOf, stringOf } from './plain-data.ts';
import { readTomlPackages } from './read-toml-packages.ts';

const SOURCE_KINDS: Record<string, SourceKind> = { git: 'git', file: 'file', directory: 'file', url: 'tarball' };

/**
 * Reads a `poetry.lock`: each `[[package]]` at its header line. Without `[package.source]` a
 * package comes from PyPI; `git`, `file`, `directory` and `url` sources are not registry-verifiable;
 * any other source type (`legacy`, a private index) is still a registry.
 */
export function parsePoetryLock(text: string, file: string): ParseResult {
  const { packages, problems } = readTomlPackages(text, file);
  const dependencies = packages.map(({ name, version, table, line }): Dependency => {
    const source = recordOf(table['source']);
    const kind = SOURCE_KINDS[stringOf(source?.['type']) ?? ''] ?? 'registry';
    const dependency: Dependency = { name: normalizePythonName(name), version, ecosystem: 'pypi', source: kind, file, line };
    if (kind === 'registry') return dependency;
    const url = stringOf(source?.['url']) ?? '';
    const commit = stringOf(source?.['resolved_reference']);
    dependency.resolved = kind === 'git' && commit !== undefined ? `${url}#${commit}` : url;
    return dependency;
  });
  return { dependencies, problems };
}
