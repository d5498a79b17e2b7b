/** The public surface of policy/edit-guard: everything outside this folder imports from here. */
export {
  DEFAULT_DENY_GLOBS,
  DEFAULT_EDIT_GUARD_POLICY,
  DEFAULT_SECRET_FILE_GLOBS,
  checkEdit,
  checkEditLimits,
  checkEditPath,
  mergeProtectedGlobs,
  repoPathFactsFromTree,
  secretFileGlob,
  secretFileReadError,
} from './check-edit.ts';
export type { AddedLine, EditGuardDecision, EditGuardPolicy, RepoPathFacts } from './check-edit.ts';
export { compilePathGlob } from './compile-path-glob.ts';
export { isCredentialVariable } from './credential-variable.ts';
export { repoPathProblem } from './edit-guard-repo-path.ts';
export { matchPathGlobs } from './match-path-globs.ts';
