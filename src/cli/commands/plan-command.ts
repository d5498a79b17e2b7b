import type { CliCommand } from '../cli-command.ts';

/**
 * The defaults of `aos plan`, named in its help text. Literals, because `--help` loads no other
 * module; `maxToolCalls` is the agents' DEFAULT_MAX_TOOL_CALLS.
 */
export const PLAN_DEFAULTS = {
  tokenBudget: 24_000,
  maxIterations: 2,
  testTimeoutMs: 300_000,
  maxToolCalls: 12,
} as const;

/** `aos plan [--repo <path>] [options] "<task>"`. */
export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'plan, code, review and test a change on a local git checkout',
  help: `Usage: aos plan [--repo <path>] [--dry-run] [--test-cmd "<cmd>"] [--max-iterations N] [--max-tool-calls N] [--budget-eur X] [--json] "<task>"
       aos plan [--repo <path>] --explain-context [--token-budget N] [--json] "<task>"

Runs the agents (planner → coder → critic ⇄ coder → qa → approver) on the committed HEAD of a
local git checkout, with the task as the issue. Progress goes to stderr; the plan, the diff stat,
the critic's findings, the QA checks, the approver's verdict and the cost to stdout. A change is
committed to a new branch aos/<task-slug>-<hex>; your working tree, index and current branch are
never touched. Every run is recorded (see aos runs, aos replay).

  --repo <path>        the git checkout (default: the current directory)
  --dry-run            stop after the plan: one model call, no branch
  --test-cmd "<cmd>"   run this shell command on the change, in a temporary git worktree
                       (timeout ${PLAN_DEFAULTS.testTimeoutMs / 60_000} min, its output becomes QA evidence)
  --max-iterations N   critic → coder rounds at most (default ${PLAN_DEFAULTS.maxIterations})
  --max-tool-calls N   read_file/search/list_dir calls the planner and the coder may each make per
                       pass (default ${PLAN_DEFAULTS.maxToolCalls}; 0: no tools)
  --budget-eur X       the run's spending cap in EUR (default run_default_cap_eur of policies/finops.yaml)
  --token-budget N     repository context given to the planner, in tokens (default ${PLAN_DEFAULTS.tokenBudget})
  --explain-context    only show which files the planner would get and why; no model call
  --json               print the result as JSON on stdout

Models: OPENAI_API_KEY (EU endpoint), ANTHROPIC_API_KEY (with an EU ANTHROPIC_BASE_URL), or
AOS_LOCAL_LLM_URL (an OpenAI-compatible server). Ctrl-C stops after the current step.
Exit codes: 0 ready (or a dry run's plan), 1 needs work or the run failed, 2 bad usage or no provider.`,
  options: {
    repo: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'test-cmd': { type: 'string' },
    'max-iterations': { type: 'string' },
    'max-tool-calls': { type: 'string' },
    'budget-eur': { type: 'string' },
    'token-budget': { type: 'string' },
    'explain-context': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  run: async (invocation) => (await import('./plan-on-checkout.ts')).planOnCheckout(invocation),
};
