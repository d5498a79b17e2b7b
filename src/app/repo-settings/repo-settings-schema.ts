import { z } from 'zod';
import { compilePathGlob, DEFAULT_DENY_GLOBS, DEFAULT_SECRET_FILE_GLOBS, mergeProtectedGlobs } from '../../policy/edit-guard/index.ts';
import { createBudgetSchema, type GlobalCaps } from './repo-settings-budget-schema.ts';
import { operatorOnlyFields } from './operator-only-keys.ts';
import { DEFAULT_MAX_TOOL_CALLS } from '../../agents/agent-state.ts';

export type { GlobalCaps } from './repo-settings-budget-schema.ts';

/** A repository's settings after validation, defaults filled in. */
export interface RepoSettings {
  /** Most critic → coder rounds per pass (0..5). */
  maxIterations: number;
  /** Read-only tool calls (read_file, search, list_dir) the planner and the coder may each make per pass (0..12; 0 offers no tools). */
  maxToolCalls: number;
  /** The default deny globs followed by the repository's own; the defaults are always there. */
  denyGlobs: string[];
  /** The default secret-file globs followed by the repository's own: files aos never reads. */
  secretFiles: string[];
  /** `always`: every pull request is a draft; `unless-ready`: draft unless the approver says ready. */
  draft: 'always' | 'unless-ready';
  /** Logins asked for review besides whoever started the run. */
  reviewers: string[];
  /** This repository's caps in EUR; absent ones fall back to the operator's. */
  budget: { dailyCapEur?: number | undefined; monthlyCapEur?: number | undefined; runCapEur?: number | undefined };
  /** Most ci-fix passes after the repository's CI failed; absent means the operator's. */
  ciFixAttempts?: number | undefined;
}

const NEGATION = 'negation ("!…") is not allowed: a repository can add globs, never re-allow a path the defaults protect';
// A gitignore glob that `compilePathGlob` accepts; `!` gets its own message, the rest say why.
const protectedGlob = z
  .string()
  .trim()
  .min(1, 'empty glob')
  .max(500, 'longer than 500 characters')
  .refine((glob) => !glob.startsWith('!'), NEGATION)
  .superRefine((glob, context) => {
    if (glob === '' || glob.length > 500 || glob.startsWith('!')) return;
    const compiled = compilePathGlob(glob);
    if (!compiled.ok) context.addIssue({ code: 'custom', message: `the glob ${compiled.problem}` });
  });
// GitHub logins: letters, digits and hyphens, at most 39, not starting with a hyphen; a leading @ is tolerated.
const login = z
  .string()
  .regex(/^@?[A-Za-z0-9][A-Za-z0-9-]{0,38}$/, 'not a GitHub login')
  .transform((value) => value.replace(/^@/, ''));

/**
 * Schema of `.github/aos.yml`. Strict: an unknown key is an error, and provider, endpoint, model
 * and key settings get a specific one. Everything it accepts can only tighten what the operator
 * allows: more deny globs, fewer iterations, lower caps.
 */
export function createRepoSettingsSchema(globalCaps: GlobalCaps) {
  return z
    .strictObject({
      max_iterations: z
        .number()
        .int('must be a whole number')
        .min(0)
        .max(5)
        .default(2)
        .describe('Most critic → coder rounds per pass, 0..5.'),
      max_tool_calls: z
        .number()
        .int('must be a whole number')
        .min(0)
        .max(DEFAULT_MAX_TOOL_CALLS)
        .default(DEFAULT_MAX_TOOL_CALLS)
        .describe(
          `Read-only tool calls (read_file, search, list_dir) the planner and the coder may each make per pass, 0..${DEFAULT_MAX_TOOL_CALLS}; 0 offers no tools.`,
        ),
      deny_globs: z
        .array(protectedGlob)
        .max(100, 'at most 100 globs')
        .default([])
        .describe('Gitignore globs of paths aos must never edit, added to the defaults (which cannot be removed); no "!" negation.'),
      secret_files: z
        .array(protectedGlob)
        .max(100, 'at most 100 globs')
        .default([])
        .describe('Gitignore globs of secret files aos must never read or show a model, added to the defaults (which cannot be removed).'),
      draft: z
        .enum(['always', 'unless-ready'])
        .default('unless-ready')
        .describe('always: every bot pull request is a draft; unless-ready: a draft unless the approver says ready.'),
      reviewers: z
        .array(login)
        .max(10, 'at most 10 reviewers')
        .default([])
        .describe('Up to 10 GitHub logins asked for review, besides whoever started the run.'),
      budget: createBudgetSchema(globalCaps)
        .default({})
        .describe("Caps for this repository, in EUR, each at most the operator's (policies/finops.yaml)."),
      ci_fix_attempts: z
        .number()
        .int('must be a whole number')
        .min(0)
        .optional()
        .refine(
          (value) => value === undefined || globalCaps.ciFixAttempts === undefined || value <= globalCaps.ciFixAttempts,
          `is above the operator's ci_fix_attempts of ${globalCaps.ciFixAttempts ?? 'unbounded'}; a repository can only lower it`,
        )
        .describe("Most ci-fix passes after the repository's CI failed on aos's commit; at most the operator's (AOS_CI_FIX_ATTEMPTS)."),
      ...operatorOnlyFields(),
    })
    .transform((file): RepoSettings => ({
      maxIterations: file.max_iterations,
      maxToolCalls: file.max_tool_calls,
      denyGlobs: mergeProtectedGlobs(DEFAULT_DENY_GLOBS, file.deny_globs),
      secretFiles: mergeProtectedGlobs(DEFAULT_SECRET_FILE_GLOBS, file.secret_files),
      draft: file.draft,
      reviewers: [...new Set(file.reviewers)],
      budget: { dailyCapEur: file.budget.daily_cap_eur, monthlyCapEur: file.budget.monthly_cap_eur, runCapEur: file.budget.run_cap_eur },
      ciFixAttempts: file.ci_fix_attempts,
    }));
}
