import type { ImportSpecifier } from './parse-imports.ts';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.py'];
/** Folders a bare Python module path is looked up from. */
const PYTHON_ROOTS = ['', 'src/'];

/** Joins a relative specifier to a folder and normalizes `.` and `..`; null when it leaves the repository. */
function joinPath(directory: string, specifier: string): string | null {
  const parts = directory === '' ? [] : directory.split('/');
  for (const part of specifier.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The files a module path may be: itself, TypeScript's `.js` → `.ts` mapping, each extension, `index.*`. */
function candidates(base: string): string[] {
  const swapped = base.replace(/\.(m|c)?js$/, (_match, kind: string | undefined) => `.${kind ?? ''}ts`);
  const list = [base, swapped, base.replace(/\.js$/, '.tsx')];
  for (const extension of EXTENSIONS) list.push(`${base}${extension}`);
  for (const extension of EXTENSIONS) list.push(`${base}/index${extension}`);
  list.push(`${base}/__init__.py`);
  return list;
}

/**
 * The repository file an import refers to, or null for packages and for anything that is not in
 * `paths`. Relative specifiers resolve against the importing file's folder; bare ones only for
 * Python, from the repository root and `src/`.
 */
export function resolveImport(fromPath: string, entry: ImportSpecifier, paths: ReadonlySet<string>): string | null {
  const directory = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/')) : '';
  const relative = entry.specifier.startsWith('./') || entry.specifier.startsWith('../');
  let bases: string[];
  if (relative) bases = [joinPath(directory, entry.specifier)].flatMap((base) => (base ? [base] : []));
  else if (entry.python) bases = PYTHON_ROOTS.map((root) => `${root}${entry.specifier}`);
  else return null;
  for (const base of bases) {
    const found = candidates(base).find((candidate) => candidate !== fromPath && paths.has(candidate));
    if (found !== undefined) return found;
  }
  return null;
}
