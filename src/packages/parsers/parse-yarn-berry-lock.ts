import type { Dependency, ParseProblem, ParseResult } from '../types.ts';
import { classifyBerryResolution } from './classify-berry-resolution.ts';
import { recordOf, stringOf } from './plain-data.ts';
import { readYamlDocuments } from './read-yaml-documents.ts';
import { splitNpmDescriptor } from './split-npm-descriptor.ts';

/**
 * Reads a yarn 2+ lockfile. Every entry except `__metadata` and the root workspace
 * (`…@workspace:.`) is reported at the line of its key, named and classified from its
 * `resolution`; a key whose first descriptor names another package makes that name the alias.
 */
export function parseYarnBerryLock(text: string, file: string): ParseResult {
  const { documents, problems } = readYamlDocuments(text, file);
  const dependencies: Dependency[] = [];
  for (const document of documents) {
    const root = document.shape([]);
    if (root.kind !== 'map') {
      problems.push({ file, line: root.line, message: 'a yarn lockfile must be a YAML mapping' });
      continue;
    }
    for (const { key, line, value } of document.entries([])) {
      if (key === '__metadata') continue;
      const entry = recordOf(value);
      const resolution = stringOf(entry?.['resolution']);
      if (resolution === undefined) {
        problems.push({ file, line, message: `entry "${key}" has no resolution` });
        continue;
      }
      if (entry?.['version'] !== undefined && stringOf(entry['version']) === undefined) {
        problems.push({ file, line, message: `entry "${key}": "version" must be a string` });
        continue;
      }
      const dependency = fromResolution(resolution, stringOf(entry?.['version']) ?? '', file, line, problems);
      if (dependency === undefined) continue;
      const keyName = splitNpmDescriptor(key.split(',')[0]?.trim() ?? '').name;
      if (keyName !== '' && keyName !== dependency.name) dependency.alias = keyName;
      dependencies.push(dependency);
    }
  }
  return { dependencies, problems };
}

function fromResolution(resolution: string, version: string, file: string, line: number, problems: ParseProblem[]): Dependency | undefined {
  const { name, range } = splitNpmDescriptor(resolution);
  if (range === '') {
    problems.push({ file, line, message: `cannot read the resolution ${JSON.stringify(resolution)}` });
    return undefined;
  }
  const classified = classifyBerryResolution(range);
  if (classified.resolved === 'workspace:.') return undefined;
  const dependency: Dependency = {
    name: classified.underlying?.name ?? name,
    version: version || (classified.underlying?.version ?? ''),
    ecosystem: 'npm',
    source: classified.source,
    file,
    line,
  };
  if (classified.source !== 'registry') dependency.resolved = classified.resolved;
  return dependency;
}
