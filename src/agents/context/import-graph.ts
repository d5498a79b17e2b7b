import { parseImports } from './parse-imports.ts';
import { resolveImport } from './resolve-import.ts';

/** Which repository files each file imports, and the reverse. */
export interface ImportGraph {
  imports: ReadonlyMap<string, ReadonlySet<string>>;
  importers: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Builds the import graph among the given files: only imports that resolve to one of them count
 * (`resolveImport`); packages and missing files are ignored.
 */
export function buildImportGraph(files: ReadonlyArray<{ path: string; content: string }>): ImportGraph {
  const paths = new Set(files.map((file) => file.path));
  const imports = new Map<string, Set<string>>();
  const importers = new Map<string, Set<string>>();
  for (const file of files) {
    for (const entry of parseImports(file.path, file.content)) {
      const target = resolveImport(file.path, entry, paths);
      if (target === null) continue;
      imports.set(file.path, (imports.get(file.path) ?? new Set()).add(target));
      importers.set(target, (importers.get(target) ?? new Set()).add(file.path));
    }
  }
  return { imports, importers };
}
