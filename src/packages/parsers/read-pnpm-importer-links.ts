import type { Dependency } from '../types.ts';
import { recordOf, stringOf } from './plain-data.ts';
import type { YamlDocumentView } from './read-yaml-documents.ts';

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'];

/**
 * The `link:` dependencies of every importer in a pnpm lockfile. They have no `packages:` entry,
 * so this is the only place they show up. A `workspace:` specifier makes them `workspace`, any
 * other `link`. Handles both importer layouts: v5 (`name: version` plus a `specifiers` map) and
 * v6+ (`name: {specifier, version}`), with or without an `importers:` map.
 */
export function readPnpmImporterLinks(document: YamlDocumentView, file: string): Dependency[] {
  const importers = document.entries(['importers']);
  const paths = importers.length > 0 ? importers.map((importer) => ['importers', importer.key]) : [[]];
  const links: Dependency[] = [];
  for (const path of paths) {
    const specifiers = document.entries([...path, 'specifiers']);
    for (const section of SECTIONS) {
      for (const { key, line, value } of document.entries([...path, section])) {
        const version = stringOf(value) ?? stringOf(recordOf(value)?.['version']);
        if (version === undefined || !version.startsWith('link:')) continue;
        const specifier = stringOf(recordOf(value)?.['specifier']) ?? stringOf(specifiers.find((entry) => entry.key === key)?.value) ?? '';
        const source = specifier.startsWith('workspace:') ? 'workspace' : 'link';
        links.push({ name: key, version: '', ecosystem: 'npm', source, resolved: version, file, line, direct: true });
      }
    }
  }
  return links;
}
