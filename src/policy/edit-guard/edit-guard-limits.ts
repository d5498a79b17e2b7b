import type { EditGuardDecision, EditGuardPolicy } from './edit-guard-types.ts';

/** The size of the whole overlay if an edit were applied. */
export interface OverlayTotals {
  /** The edit that would bring the overlay to these totals. */
  path: string;
  /** Files the overlay would change. */
  files: number;
  /** Lines added plus lines deleted across those files, against the base. */
  changedLines: number;
}

/**
 * The overlay-wide limits of the edit guard: at most `maxFiles` changed files and
 * `maxChangedLines` changed lines. The caller passes the totals the overlay would have with the
 * edit applied, so an edit that crosses a limit is refused and the overlay stays within it.
 */
export function checkEditLimits(totals: OverlayTotals, policy: Pick<EditGuardPolicy, 'maxFiles' | 'maxChangedLines'>): EditGuardDecision {
  const { path } = totals;
  if (totals.files > policy.maxFiles) {
    return {
      allow: false,
      rule: 'too_many_files',
      path,
      reason: `refused to edit ${JSON.stringify(path)}: the change would touch ${totals.files} files, over the limit of ${policy.maxFiles}; keep the change smaller`,
    };
  }
  if (totals.changedLines > policy.maxChangedLines) {
    return {
      allow: false,
      rule: 'too_many_lines',
      path,
      reason: `refused to edit ${JSON.stringify(path)}: the change would add or remove ${totals.changedLines} lines, over the limit of ${policy.maxChangedLines}; keep the change smaller`,
    };
  }
  return { allow: true };
}
