import path from 'node:path';
import { loadConfig, loadEnv } from '../../config/index.ts';
import { createProviders } from '../../llm/providers/create-providers.ts';
import type { CliInvocation } from '../cli-command.ts';
import { openCliContext } from '../cli-context.ts';
import { UsageError } from '../usage-error.ts';
import { integerOption, positiveNumberOption, stringOption } from './cli-options.ts';
import { createProgressReporter } from './create-progress-reporter.ts';
import { findUsableProvider } from './find-usable-provider.ts';
import { PLAN_DEFAULTS } from './plan-command.ts';
import { explainContext } from './plan-explain-context.ts';
import { planReportJson } from './plan-report.ts';
import { renderPlanReport } from './render-plan-report.ts';
import { resolveRepoBase } from './resolve-repo-base.ts';
import { runLocalPlan } from './run-local-plan.ts';

/** `aos plan`: runs the agents on the committed HEAD of a local checkout, or explains the planner's context. */
export async function planOnCheckout({ positionals, values, out, err }: CliInvocation): Promise<number> {
  const task = positionals.join(' ').trim();
  if (task === '') throw new UsageError('missing task: say what should change, e.g. aos plan "fix add() in src/math.ts"');
  const repoDir = path.resolve(stringOption(values, 'repo') ?? '.');
  const json = values.json === true;
  const contextTokenBudget = integerOption(values, 'token-budget', PLAN_DEFAULTS.tokenBudget, { min: 1 });
  if (values['explain-context'] === true) {
    out(await explainContext({ repoDir, task, tokenBudget: contextTokenBudget, json }));
    return 0;
  }
  const maxIterations = integerOption(values, 'max-iterations', PLAN_DEFAULTS.maxIterations, { min: 0, max: 10 });
  const maxToolCalls = integerOption(values, 'max-tool-calls', PLAN_DEFAULTS.maxToolCalls, { min: 0, max: 50 });
  const budgetEur = positiveNumberOption(values, 'budget-eur');
  const testCommand = stringOption(values, 'test-cmd') ?? null;
  const dryRun = values['dry-run'] === true;
  const { base, sha } = await resolveRepoBase(repoDir, 'HEAD');

  const env = loadEnv();
  const config = loadConfig({ configDir: env.AOS_CONFIG_DIR, env });
  const usable = await findUsableProvider({
    config,
    providers: createProviders({ residency: config.residency, keys: { openai: env.OPENAI_API_KEY, anthropic: env.ANTHROPIC_API_KEY } }),
  });
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
    err(
      `aos plan: run on ${path.basename(repoDir)} at ${sha.slice(0, 12)}${dryRun ? ' (dry run)' : ''}, provider ${usable.provider} available`,
    );
    const report = await runLocalPlan({
      repoDir,
      base,
      baseSha: sha,
      task,
      dryRun,
      testCommand,
      maxIterations,
      maxToolCalls,
      contextTokenBudget,
      budgetEur,
      env,
      config,
      backends,
      logger,
      progress,
      isCancelled: () => cancelled,
    });
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
}
