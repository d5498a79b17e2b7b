/** Package ecosystems aos can verify. */
export type Ecosystem = 'npm' | 'pypi';

/**
 * Where a dependency comes from. Only `registry` can be proven against a registry; every other
 * kind is reported as "not registry-verifiable", never dropped. `placeholder`: the name or version
 * is an environment variable (`${VERSION}` in a requirements file) that only the installer knows.
 */
export type SourceKind = 'registry' | 'git' | 'file' | 'link' | 'workspace' | 'tarball' | 'patch' | 'portal' | 'placeholder';

/** One dependency as a manifest or lockfile declares it, with the line that declares it. */
export interface Dependency {
  /** Registry name: scoped npm names keep their scope (`@scope/name`); Python names are PEP 503-normalized. */
  name: string;
  /** Exact version for lockfiles; the declared range or specifier for manifests (`^1.2.0`, `>=2,<3`); '' when none. */
  version: string;
  ecosystem: Ecosystem;
  source: SourceKind;
  /** For non-registry sources: the URL, path or spec as written (e.g. `git+https://…`, `file:../x`). */
  resolved?: string;
  /** Repository-relative path of the file that declares it. */
  file: string;
  /** 1-based line in `file` where this dependency is declared. */
  line: number;
  /** True when declared directly in a manifest (or as a direct dependency in a lockfile that says so). */
  direct?: boolean;
  /** For npm aliases (`"x": "npm:real@1.0.0"`): the name used in code; `name` is the real package. */
  alias?: string;
}

/** A problem found while reading a file: never thrown, always reported with its line. */
export interface ParseProblem {
  file: string;
  line: number;
  message: string;
}

/** What every parser returns. */
export interface ParseResult {
  dependencies: Dependency[];
  problems: ParseProblem[];
}
