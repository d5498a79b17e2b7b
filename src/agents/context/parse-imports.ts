/** One import found in a file: a JavaScript specifier, or a Python module path turned into one. */
export interface ImportSpecifier {
  /** `./x`, `../x/y` (relative) or `a/b` (bare: a package, or a Python module from a source root). */
  specifier: string;
  python: boolean;
}

const JS_FROM = /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"\n]+)['"]/g;
const JS_BARE = /\bimport\s*['"]([^'"\n]+)['"]/g;
const JS_CALL = /\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;
const PY_FROM = /^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\(?([\w., \t]+)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)/gm;

/** `..` dots of a Python relative import as a path prefix: `.` → `./`, `..` → `../`. */
function pythonPrefix(dots: string): string {
  return dots.length === 0 ? '' : dots.length === 1 ? './' : '../'.repeat(dots.length - 1);
}

function parsePython(content: string): ImportSpecifier[] {
  const found: ImportSpecifier[] = [];
  for (const match of content.matchAll(PY_FROM)) {
    const prefix = pythonPrefix(match[1] ?? '');
    const module = (match[2] ?? '').replace(/\./g, '/');
    if (module) found.push({ specifier: `${prefix}${module}`, python: true });
    // `from . import backoff` and `from pkg import submodule` may name modules, not attributes.
    for (const name of (match[3] ?? '').split(',').map((part) => part.trim().split(/\s+/)[0] ?? '')) {
      if (/^\w+$/.test(name)) found.push({ specifier: `${prefix}${module ? `${module}/` : ''}${name}`, python: true });
    }
  }
  for (const match of content.matchAll(PY_IMPORT)) {
    for (const name of (match[1] ?? '').split(',')) found.push({ specifier: name.trim().replace(/\./g, '/'), python: true });
  }
  return found;
}

/**
 * The imports of a source file, by regular expression rather than a parser (good enough to rank,
 * and it never throws): for JavaScript and TypeScript `import … from '…'`, `export … from '…'`,
 * `import '…'`, `import('…')` and `require('…')`; for Python (`.py`) `import a.b` and
 * `from .a import b`, where each imported name is also tried as a submodule.
 */
export function parseImports(path: string, content: string): ImportSpecifier[] {
  if (path.endsWith('.py')) return parsePython(content);
  const found: ImportSpecifier[] = [];
  for (const pattern of [JS_FROM, JS_BARE, JS_CALL]) {
    for (const match of content.matchAll(pattern)) if (match[1]) found.push({ specifier: match[1], python: false });
  }
  return found;
}
