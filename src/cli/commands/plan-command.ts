import path from 'node:path';
import { loadConfig, loadEnv } from '../../config/index.ts';
import { createProviders } from '../../llm/providers/create-providers.ts';
import type { CliCommand } from '../cli-command.ts';
import { openCliContext } from '../cli-context.ts';
import { UsageError } from '../usage-error.ts';
import { integerOption, positiveNumberOption, stringOption } from './cli-options.ts';
import { createProgressReporter } from './create-progress-reporter.ts';
import { findUsableProvider } from './find-usable-provider.ts';
import { explainContext } from './plan-explain-context.ts';
import { planReportJson } from './plan-report.ts';
import { renderPlanReport } from './render-plan-report.ts';
import { resolveRepoBase } from './resolve-repo-base.ts';
import { runLocalPlan } from './run-local-plan.ts';

const DEFAULT_TOKEN_BUDGET = 24_000;
const DEFAULT_MAX_ITERATIONS = 2;
const TEST_TIMEOUT_MS = 300_000;

/** `aos plan [--repo <path>] [options] "<task>"`. */
export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'plan, code, review and test a change on a local git checkout',
  help: `Usage: aos plan [--repo <path>] [--dry-run] [--test-cmd "<cmd>"] [--max-iterations N] [--budget-eur X] [--json] "<task>"
       aos plan [--repo <path>] --explain-context [--token-budget N] [--json] "<task>"

Runs the agents (planner → coder → critic ⇄ coder → qa → approver) on the committed HEAD of a
local git checkout, with the task as the issue. Progress goes to stderr; the plan, the diff stat,
the critic's findings, the QA checks, the approver's verdict and the cost to stdout. A change is
committed to a new branch aos/<task-slug>-<hex>; your working tree, index and current branch are
never touched. Every run is recorded (see aos runs, aos replay).

  --repo <path>        the git checkout (default: the current directory)
  --dry-run            stop after the plan: one model call, no branch
  --test-cmd "<cmd>"   run this shell command on the change, in a temporary git worktree
                       (timeout ${TEST_TIMEOUT_MS / 60_000} min, its output becomes QA evidence)
  --max-iterations N   critic → coder rounds at most (default ${DEFAULT_MAX_ITERATIONS})
  --budget-eur X       the run's spending cap in EUR (default run_default_cap_eur of policies/finops.yaml)
  --token-budget N     repository context given to the planner, in tokens (default ${DEFAULT_TOKEN_BUDGET})
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
    'budget-eur': { type: 'string' },
    'token-budget': { type: 'string' },
    'explain-context': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values, out, err }) {
    const task = positionals.join(' ').trim();
    if (task === '') throw new UsageError('missing task: say what should change, e.g. aos plan "fix add() in src/math.ts"');
    const repoDir = path.resolve(stringOption(values, 'repo') ?? '.');
    const json = values.json === true;
    const contextTokenBudget = integerOption(values, 'token-budget', DEFAULT_TOKEN_BUDGET, { min: 1 });
    if (values['explain-context'] === true) {
      out(await explainContext({ repoDir, task, tokenBudget: contextTokenBudget, json }));
      return 0;
    }
    const maxIterations = integerOption(values, 'max-iterations', DEFAULT_MAX_ITERATIONS, { min: 0, max: 10 });
    const budgetEur = positiveNumberOption(values, 'budget-eur');
    const testCommand = stringOption(values, 'test-cmd') ?? null;
    const dryRun = values['dry-run'] === true;
    const { base, sha } = await resolveRepoBase(repoDir, 'HEAD');

    const env = loadEnv();
    const config = loadConfig({ configDir: env.AOS_CONFIG_DIR, env });
    const usable = await findUsableProvider({ config, providers: createProviders({ residency: config.residency, keys: { openai: env.OPENAI_API_KEY, anthropic: env.ANTHROPIC_API_KEY } }) });
    if (!usable.ok) {
      for (const line of usable.lines) err(line);
      return 2;
    }

    const { logger, backends } = await openCliContext();
    const progress = createProgressReporter(process.stderr);
    let cancelled = false;
    const onInterrupt = () => {
      cancelled = true;
      progress.line('stopping after the current step (Ctrl-C again to abort)');
    };
    process.once('SIGINT', onInterrupt);
    try {
      err(`aos plan: run on ${path.basename(repoDir)} at ${sha.slice(0, 12)}${dryRun ? ' (dry run)' : ''}, provider ${usable.provider} available`);
      const report = await runLocalPlan({ repoDir, base, baseSha: sha, task, dryRun, testCommand, maxIterations, contextTokenBudget, budgetEur, env, config, backends, logger, progress, isCancelled: () => cancelled });
      if (json) out(JSON.stringify(planReportJson(report), null, 2));
      else for (const line of renderPlanReport(report)) out(line);
      if (report.status !== 'completed') return 1;
      if (dryRun) return report.state.plan ? 0 : 1;
      return report.state.approval?.verdict === 'ready' ? 0 : 1;
    } finally {
      process.removeListener('SIGINT', onInterrupt);
      progress.stop();
      await backends.close();
    }
  },
};
