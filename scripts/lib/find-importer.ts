import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The project's own module specifiers a file imports or re-exports (static and dynamic `import('…')`):
 * relative ones and package.json subpath imports such as `#src/…`.
 */
export function importedSpecifiers(text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((entry) => entry.fileName)
    .filter((name) => name.startsWith('.') || name.startsWith('#'));
}

/** The nearest package.json above `from` with an `imports` map: its folder and the map. */
function nearestImportsMap(from: string): { dir: string; imports: Record<string, string> } | null {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const imports = (JSON.parse(fs.readFileSync(file, 'utf8')) as { imports?: Record<string, string> }).imports;
      if (imports) return { dir, imports };
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** A `#…` subpath import mapped through package.json `imports` (exact keys and one `*` pattern per key). */
function resolveSubpathImport(from: string, specifier: string): string | null {
  const found = nearestImportsMap(from);
  if (!found) return null;
  for (const [key, target] of Object.entries(found.imports)) {
    const star = key.indexOf('*');
    if (star < 0 && key === specifier) return path.resolve(found.dir, target);
    if (star >= 0 && specifier.startsWith(key.slice(0, star)) && specifier.endsWith(key.slice(star + 1))) {
      const middle = specifier.slice(star, specifier.length - (key.length - star - 1));
      return path.resolve(found.dir, target.replace('*', middle));
    }
  }
  return null;
}

/** The file a specifier resolves to (`.ts` given, `.js` written for `.ts`, or no extension), or null. */
export function resolveSpecifier(from: string, specifier: string): string | null {
  const base = specifier.startsWith('#') ? resolveSubpathImport(from, specifier) : path.resolve(path.dirname(from), specifier);
  if (base === null) return null;
  const candidates = [base, base.replace(/\.(m|c)?js$/, '.$1ts'), `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile()) ?? null;
}

/**
 * The import chain by which `testFile` reaches `module`: directly, or through helper files under
 * `helpersRoot` (followed up to `depth` levels; modules outside it, such as other sources, are not
 * followed). Null when it does not import it.
 */
export function findImportChain(testFile: string, module: string, helpersRoot: string, depth = 6): string[] | null {
  const seen = new Set<string>();
  const walk = (file: string, level: number): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    const resolved = importedSpecifiers(text)
      .map((specifier) => resolveSpecifier(file, specifier))
      .filter((target): target is string => target !== null);
    if (resolved.includes(module)) return [file, module];
    if (level >= depth) return null;
    for (const target of resolved) {
      if (!target.startsWith(helpersRoot + path.sep) || !/\.[cm]?ts$/.test(target)) continue;
      const chain = walk(target, level + 1);
      if (chain) return [file, ...chain];
    }
    return null;
  };
  return walk(testFile, 0);
}
