import { valid } from 'semver';
import type { Dependency, ParseProblem, ParseResult } from '../types.ts';
import { classifyPnpmResolution } from './classify-pnpm-resolution.ts';
import { parsePnpmPackageKey } from './parse-pnpm-package-key.ts';
import { recordOf, stringOf } from './plain-data.ts';
import { readPnpmImporterLinks } from './read-pnpm-importer-links.ts';
import { readYamlDocuments, type YamlDocumentView } from './read-yaml-documents.ts';

/** Lockfile majors pnpm has written: 5 (pnpm 3–7), 6 (pnpm 8), 9 (pnpm 9 and 10). */
const KNOWN_MAJORS: ReadonlySet<number> = new Set([5, 6, 7, 9]);
/** Top-level sections that must be mappings when present. */
const SECTIONS = ['packages', 'importers', 'snapshots'] as const;

/** Why a document cannot be read as a pnpm lockfile, at its line; undefined when it can. */
function documentProblem(document: YamlDocumentView, file: string): ParseProblem | undefined {
  const root = document.shape([]);
  if (root.kind !== 'map') return { file, line: root.line, message: 'a pnpm lockfile must be a YAML mapping' };
  const version = document.shape(['lockfileVersion']);
  const major = Number.parseFloat(stringOf(document.get(['lockfileVersion'])) ?? '');
  if (version.kind !== 'scalar' || !KNOWN_MAJORS.has(Math.floor(major))) {
    return { file, line: version.kind === 'missing' ? root.line : version.line, message: '"lockfileVersion" must be 5.x, 6.x or 9.x' };
  }
  for (const section of SECTIONS) {
    const shape = document.shape([section]);
    if (shape.kind === 'seq' || shape.kind === 'scalar') return { file, line: shape.line, message: `"${section}" must be a mapping` };
  }
  return undefined;
}

/** Why a `packages:` entry cannot be read; undefined when it can. */
function entryProblem(entry: Record<string, unknown> | undefined): string | undefined {
  if (entry === undefined) return 'must be a mapping';
  if (entry['resolution'] !== undefined && recordOf(entry['resolution']) === undefined) return '"resolution" must be a mapping';
  for (const field of ['name', 'version']) {
    if (entry[field] !== undefined && stringOf(entry[field]) === undefined) return `"${field}" must be a string`;
  }
  return undefined;
}

/**
 * Reads a `pnpm-lock.yaml` of lockfile version 5, 6 or 9, every document of it (pnpm 9+ may put
 * `configDependencies` and `packageManagerDependencies` in a leading document). Each `packages:`
 * entry is reported at the line of its key (v9 `snapshots:` only repeat those packages with peer
 * variants), followed by the importers' `link:` dependencies. A document, section or entry of the
 * wrong shape is a problem at its line, and is not read.
 */
export function parsePnpmLock(text: string, file: string): ParseResult {
  const { documents, problems } = readYamlDocuments(text, file);
  const dependencies: Dependency[] = [];
  if (documents.length === 0 && problems.length === 0)
    problems.push({ file, line: 1, message: 'no YAML document: a pnpm lockfile has at least "lockfileVersion"' });
  for (const document of documents) {
    const problem = documentProblem(document, file);
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    const major = Number.parseInt(stringOf(document.get(['lockfileVersion'])) ?? '', 10);
    for (const { key, line, value } of document.entries(['packages'])) {
      const entry = recordOf(value);
      const wrong = entryProblem(entry);
      if (wrong !== undefined || entry === undefined) {
        // A value YAML could not build (a broken alias) was reported already, at this line.
        if (!problems.some((problem) => problem.line === line))
          problems.push({ file, line, message: `package "${key}" ${wrong ?? 'must be a mapping'}` });
        continue;
      }
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
