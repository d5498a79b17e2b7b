/** Which edit-guard rule refused an edit. */
export type EditGuardRule =
  | 'path_outside_repo'
  | 'deny_glob'
  | 'secret_file'
  | 'install_script'
  | 'binary'
  | 'too_large'
  | 'too_many_files'
  | 'too_many_lines'
  | 'secret'
  | 'stub_marker';

/** What the edit guard enforces. Build it with `DEFAULT_EDIT_GUARD_POLICY` and `mergeProtectedGlobs`. */
export interface EditGuardPolicy {
  /** Paths aos never edits (gitignore globs); the defaults are always enforced whatever this list holds. */
  denyGlobs: readonly string[];
  /** Secret files (gitignore globs): never read, shown to a model or edited; the defaults always apply too. */
  secretFiles: readonly string[];
  /** Most files one overlay may change. */
  maxFiles: number;
  /** Most changed lines (added plus deleted) across the whole overlay. */
  maxChangedLines: number;
  /** Largest file, in bytes, that is read or written. */
  maxFileBytes: number;
}

/** The guard's verdict on one edit. */
export type EditGuardDecision =
  | { allow: true }
  | {
      allow: false;
      rule: EditGuardRule;
      /** The edited path, as the edit gave it. */
      path: string;
      /** Written for the model and for a person; never contains a secret. */
      reason: string;
      /** 1-based line in the new file, for content rules. */
      line?: number;
    };

/** The part of an edit the guard looks at. */
export interface GuardedEdit {
  kind: 'replace' | 'create' | 'delete';
  path: string;
}

/**
 * Facts about the base tree the caller looked up: the guard itself does no I/O. Build them with
 * `repoPathFactsFromTree`, which compares paths case-insensitively as a checkout may.
 */
export interface RepoPathFacts {
  /** True when this path, in any letter case, is a symbolic link (git mode 120000) in the base tree. */
  isSymlink(path: string): boolean;
  /** True when this path, in any letter case, is a submodule (git mode 160000) in the base tree. */
  isSubmodule?(path: string): boolean;
}

/** A line the edit adds, with its 1-based number in the new file. */
export interface AddedLine {
  line: number;
  text: string;
}
