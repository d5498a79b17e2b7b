import {
  checkEdit,
  checkEditLimits,
  checkEditPath,
  repoPathFactsFromTree,
  type EditGuardDecision,
  type EditGuardPolicy,
  type RepoPathFacts,
} from '../policy/edit-guard/index.ts';
import { addedLinesOf } from './added-lines-of.ts';
import { applyEdit } from './apply-edit.ts';
import type { BaseView } from './create-base-view.ts';
import { createFileDiff } from './create-file-diff.ts';
import { pathConflict } from './path-conflict.ts';
import type { Edit, EditOutcome, TreeEntry } from '../agents/workspace-types.ts';

/** The mutable state of an overlay workspace. */
export interface OverlayState {
  view: BaseView;
  policy: EditGuardPolicy;
  /** Path → content the overlay gives it (null: deleted); only paths that differ from the base. */
  changes: Map<string, string | null>;
  /** Path → lines added plus deleted against the base, for the same paths as `changes`. */
  changedLines: Map<string, number>;
}

/**
 * Runs one edit through the guard and, when every rule allows it, into the overlay: path rules
 * first (nothing is read for a refused path), then the edit itself, then the content rules on the
 * lines it adds, then the overlay-wide limits. A refused or failed edit changes nothing.
 */
export async function applyOverlayEdit(state: OverlayState, edit: Edit): Promise<EditOutcome> {
  const { view, policy, changes } = state;
  const entries = await view.entries();
  const repo = factsOf(entries);
  const pathDecision = checkEditPath(edit.path, repo, policy);
  if (!pathDecision.allow) return refused(edit, pathDecision);
  const baseFile = await view.file(edit.path);
  if (baseFile.state === 'unreadable' && !changes.has(edit.path)) {
    return failed(edit, `${JSON.stringify(edit.path)} is ${baseFile.why}; aos edits text files only`, baseFile.rule);
  }
  const baseText = baseFile.state === 'text' ? baseFile.text : null;
  const current = changes.has(edit.path) ? (changes.get(edit.path) ?? null) : baseText;
  if (edit.kind === 'create' && current === null) {
    const conflict = pathConflict(edit.path, entries, changes);
    if (conflict !== null) return failed(edit, conflict);
  }
  const applied = applyEdit(current, edit);
  if (!applied.ok) return failed(edit, applied.reason);
  const newContent = applied.content;
  const addedLines = addedLinesOf(createFileDiff({ path: edit.path, oldContent: current, newContent }));
  const decision = checkEdit({ edit, repo, baseContent: baseText, newContent, addedLines, policy });
  if (!decision.allow) return refused(edit, decision);
  const differs = newContent !== baseText;
  const againstBase = differs ? createFileDiff({ path: edit.path, oldContent: baseText, newContent }) : null;
  const lines = againstBase === null ? 0 : againstBase.additions + againstBase.deletions;
  const others = [...state.changedLines].filter(([path]) => path !== edit.path);
  const limits = checkEditLimits(
    { path: edit.path, files: others.length + (differs ? 1 : 0), changedLines: others.reduce((sum, [, count]) => sum + count, lines) },
    policy,
  );
  if (!limits.allow) return refused(edit, limits);
  if (differs) {
    changes.set(edit.path, newContent);
    state.changedLines.set(edit.path, lines);
  } else {
    changes.delete(edit.path);
    state.changedLines.delete(edit.path);
  }
  return { ok: true, path: edit.path, kind: edit.kind };
}

// The base tree never changes under a view, so its facts are built once per listing.
const FACTS = new WeakMap<object, RepoPathFacts>();

function factsOf(entries: ReadonlyMap<string, TreeEntry>): RepoPathFacts {
  let facts = FACTS.get(entries);
  if (facts === undefined) FACTS.set(entries, (facts = repoPathFactsFromTree(entries.values())));
  return facts;
}

function refused(edit: Edit, decision: Exclude<EditGuardDecision, { allow: true }>): EditOutcome {
  const outcome: EditOutcome = { ok: false, path: edit.path, kind: edit.kind, reason: decision.reason, rule: decision.rule };
  if (decision.line !== undefined) outcome.line = decision.line;
  return outcome;
}

function failed(edit: Edit, reason: string, rule?: string): EditOutcome {
  const outcome: EditOutcome = { ok: false, path: edit.path, kind: edit.kind, reason };
  if (rule !== undefined) outcome.rule = rule;
  return outcome;
}
