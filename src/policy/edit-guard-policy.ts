import type { EditGuardPolicy } from './edit-guard-types.ts';

/** Paths aos never edits: CI workflows (they run with the repository's secrets), keys, env files. */
export const DEFAULT_DENY_GLOBS: readonly string[] = Object.freeze(['.github/workflows/**', '**/*.pem', '**/.env*', '**/id_rsa*']);

/** The edit-guard policy when a repository configures nothing. */
export const DEFAULT_EDIT_GUARD_POLICY: Readonly<EditGuardPolicy> = Object.freeze({
  denyGlobs: DEFAULT_DENY_GLOBS,
  maxFiles: 20,
  maxChangedLines: 1000,
  maxFileBytes: 1024 * 1024,
});

/**
 * The deny globs a repository ends up with: the defaults, always, then the repository's own
 * (from `.github/aos.yml`). A repository can add globs, never remove one: entries starting with
 * `!` (which read as "allow this again") and blank entries are dropped, duplicates kept once.
 */
export function mergeDenyGlobs(defaults: readonly string[], extra: readonly string[]): string[] {
  const merged: string[] = [];
  for (const glob of [...defaults, ...extra]) {
    const trimmed = glob.trim();
    if (trimmed === '' || trimmed.startsWith('!') || merged.includes(trimmed)) continue;
    merged.push(trimmed);
  }
  return merged;
}
