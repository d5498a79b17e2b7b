import { valid } from 'semver';
import type { Dependency, ParseResult } from '../types.ts';
import { classifyPnpmResolution } from './classify-pnpm-resolution.ts';
import { parsePnpmPackageKey } from './parse-pnpm-package-key.ts';
import { recordOf, stringOf } from './plain-data.ts';
import { readPnpmImporterLinks } from './read-pnpm-importer-links.ts';
import { readYamlDocuments } from './read-yaml-documents.ts';

/**
 * Reads a `pnpm-lock.yaml` of lockfile version 5, 6 or 9, every document of it (pnpm 9+ may put
 * `configDependencies` and `packageManagerDependencies` in a leading document). Each `packages:`
 * entry is reported at the line of its key (v9 `snapshots:` only repeat those packages with peer
 * variants), followed by the importers' `link:` dependencies.
 */
export function parsePnpmLock(text: string, file: string): ParseResult {
  const { documents, problems } = readYamlDocuments(text, file);
  const dependencies: Dependency[] = [];
  for (const document of documents) {
    const major = Number.parseInt(stringOf(document.get(['lockfileVersion'])) ?? '9', 10);
    for (const { key, line, value } of document.entries(['packages'])) {
      const entry = recordOf(value) ?? {};
      const parsed = parsePnpmPackageKey(key, major);
      const name = stringOf(entry['name']) ?? parsed?.name;
      const version = stringOf(entry['version']) ?? parsed?.version ?? '';
      const { source, resolved } = classifyPnpmResolution(entry['resolution'], name ?? '', version);
      // A registry package is only checkable at an exact version; anything else is a key aos misread.
      if (name === undefined || (source === 'registry' && valid(version) === null)) {
        problems.push({ file, line, message: `cannot read the package name and version of "${key}"` });
        continue;
      }
      const dependency: Dependency = { name, version, ecosystem: 'npm', source, file, line };
      if (resolved !== undefined) dependency.resolved = resolved;
      dependencies.push(dependency);
    }
    dependencies.push(...readPnpmImporterLinks(document, file));
  }
  return { dependencies, problems };
}
