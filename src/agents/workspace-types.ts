import type { RepoTarget } from '../lib/repo-target.ts';
import type { EditGuardPolicy } from '../policy/edit-guard/index.ts';

/** One file of the repository tree. */
export interface TreeEntry {
  /** Repository-relative POSIX path, no leading `./` or `/`. */
  path: string;
  /** Size in bytes as stored. */
  size: number;
  /** Git mode: `100644` regular, `100755` executable, `120000` symlink, `160000` submodule. */
  mode: string;
}

/** An edit the coder asks for. Every edit passes the edit guard before it reaches the overlay. */
export type Edit =
  | {
      kind: 'replace';
      path: string;
      /** Text that must occur exactly once in the file (whitespace-only differences tolerated). */
      search: string;
      replace: string;
    }
  | {
      kind: 'create';
      path: string;
      content: string;
    }
  | {
      kind: 'delete';
      path: string;
    };

/** What applying one edit did. */
export type EditOutcome =
  | { ok: true; path: string; kind: Edit['kind'] }
  | {
      ok: false;
      path: string;
      kind: Edit['kind'];
      reason: string;
      /** The edit-guard rule that refused the edit; absent when the edit itself could not apply. */
      rule?: string;
      /** 1-based line of the new file a content rule refused. */
      line?: number;
    };

/** One hunk of a file's diff, with the line numbers GitHub review comments need. */
export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /**
   * Lines with their prefix (' ', '+', '-'), without the @@ header. A line without a final newline
   * is followed by git's `\ No newline at end of file`, so `lines.join('\n')` is the hunk body.
   */
  lines: string[];
  /** New-file line numbers of added lines: where inline review comments may be placed. */
  addedLines: number[];
}

/** The change to one file. */
export interface FileDiff {
  path: string;
  status: 'added' | 'modified' | 'deleted';
  hunks: DiffHunk[];
  additions: number;
  deletions: number;
  /** Git file mode of the file (`100644` when absent): the mode a deleted file had. */
  mode?: string;
}

/**
 * The read-only side of a workspace: the part in which a local git checkout and a GitHub tree
 * differ. Paths are the `TreeEntry` paths.
 */
export interface WorkspaceBase {
  /** Every entry of the base tree (blobs, symlinks and submodules; no directories). */
  listTree(): Promise<TreeEntry[]>;
  /** The bytes of a file of the base tree; null when there is no such file. A base may refuse a secret file (`secret_file`). */
  readBlob(path: string): Promise<Buffer | null>;
}

/**
 * A repository as the agents see it: a read-only base (a git commit, or a GitHub tree) and an
 * in-memory overlay of edits. The overlay can only be written through `applyEdits`, which runs the
 * edit guard on every edit first.
 */
export interface Workspace {
  /** Every file of the base tree (overlay additions included, deletions excluded): paths, sizes and modes, never content. */
  listTree(): Promise<TreeEntry[]>;
  /** True when the path is a secret file (the defaults and the repository's `secret_files`): it is never read. */
  isSecretFile(path: string): boolean;
  /**
   * A file's text as the overlay has it; null when absent, deleted, binary or over the size limit.
   * Rejects with an `AosError` `secret_file` for a secret file, without reading it.
   */
  readFile(path: string): Promise<string | null>;
  /** A file's text in the base, ignoring the overlay (what a change is compared against); refuses secret files like `readFile`. */
  readBaseFile(path: string): Promise<string | null>;
  /** Applies edits in order through the guard; one outcome per edit; rejected edits change nothing. */
  applyEdits(edits: readonly Edit[]): Promise<EditOutcome[]>;
  /** The overlay against the base, per file. */
  diff(): Promise<FileDiff[]>;
  /** The overlay against the base as one unified diff text (`git apply`-compatible). */
  unifiedDiff(): Promise<string>;
  /** Files the overlay changes: path → new content (null for deleted). */
  changedFiles(): ReadonlyMap<string, string | null>;
  /** Drops every overlay change. */
  reset(): void;
}

/** What a run asks for when it opens its workspace on GitHub. */
export interface WorkspaceRequest {
  target: RepoTarget;
  /** The commit the workspace reads: the default branch head for a plan, the pull request head for a revise. */
  commitSha: string;
  policy: EditGuardPolicy;
}

/** Opens a run's workspace; built in compose/ (the GitHub-backed overlay of workspace/). */
export type OpenWorkspace = (request: WorkspaceRequest) => Workspace;
