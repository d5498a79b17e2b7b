import { checkAddedLines } from './edit-guard-content.ts';
import { checkInstallScripts } from './edit-guard-install-scripts.ts';
import { checkEditPath } from './edit-guard-path.ts';
import type { AddedLine, EditGuardDecision, EditGuardPolicy, GuardedEdit, RepoPathFacts } from './edit-guard-types.ts';

export { DEFAULT_DENY_GLOBS, DEFAULT_EDIT_GUARD_POLICY } from './edit-guard-policy.ts';
export { mergeProtectedGlobs } from './protected-globs.ts';
export { DEFAULT_SECRET_FILE_GLOBS, isSecretFile, secretFileGlob, secretFileReadError } from './secret-files.ts';
export { checkEditLimits, type OverlayTotals } from './edit-guard-limits.ts';
export { checkEditPath } from './edit-guard-path.ts';
export { repoPathFactsFromTree, type ModedPath } from './edit-guard-repo-facts.ts';
export type { AddedLine, EditGuardDecision, EditGuardPolicy, EditGuardRule, GuardedEdit, RepoPathFacts } from './edit-guard-types.ts';

/** Everything the guard decides on; the caller does the lookups and computes the added lines. */
export interface EditGuardInput {
  edit: GuardedEdit;
  /** Base-tree facts for the path and its parent directories. */
  repo: RepoPathFacts;
  /** The file's content in the base tree (not the overlay); null when the base has no such file. */
  baseContent: string | null;
  /** The file's content after the edit; null for a delete. */
  newContent: string | null;
  /** Lines the edit adds, numbered in the new file. */
  addedLines: readonly AddedLine[];
  policy: EditGuardPolicy;
}

/**
 * Decides whether one edit may reach the overlay: the path rules (`path_outside_repo`,
 * `deny_glob`, `secret_file`, a binary extension), the file size (`too_large`), install-time
 * scripts of a `package.json` against the base (`install_script`), then the rules on added lines
 * (`binary`, `secret`, `stub_marker`). Pure: no file is read here. The overlay-wide limits are
 * `checkEditLimits`, called with the totals the overlay would reach.
 */
export function checkEdit(input: EditGuardInput): EditGuardDecision {
  const { edit, policy, newContent } = input;
  const path = checkEditPath(edit.path, input.repo, policy);
  if (!path.allow || newContent === null) return path;
  const bytes = Buffer.byteLength(newContent, 'utf8');
  if (bytes > policy.maxFileBytes) {
    return {
      allow: false,
      rule: 'too_large',
      path: edit.path,
      reason: `refused to edit ${JSON.stringify(edit.path)}: it would be ${bytes} bytes, over the limit of ${policy.maxFileBytes} bytes per file`,
    };
  }
  const scripts = checkInstallScripts(edit.path, input.baseContent, newContent);
  if (!scripts.allow) return scripts;
  return checkAddedLines(edit.path, input.addedLines);
}
