import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The relative module specifiers a file imports or re-exports (static and dynamic `import('…')`). */
export function importedSpecifiers(text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((entry) => entry.fileName)
    .filter((name) => name.startsWith('.'));
}

/** The file a relative specifier resolves to (`.ts` given, `.js` written for `.ts`, or no extension), or null. */
export function resolveSpecifier(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
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
