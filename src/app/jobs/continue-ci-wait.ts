import type { RepoTarget } from '../../lib/repo-target.ts';
import type { CiPassRecord, RunCiState } from '../../state/run-ci-state.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { collectCiFailures } from '../github/collect-ci-failures.ts';
import { completeCheckRun } from '../github/check-runs.ts';
import { readCiChecks } from '../github/read-ci-checks.ts';
import { renderCiProgress } from '../github/render-ci-progress.ts';
import { loadRepoSettings } from '../repo-settings/load-repo-settings.ts';
import { ciFailureLines } from './ci-failure-findings.ts';
import { ciRunReport } from './ci-run-report.ts';
import { decideCiState, type CiDecision } from './decide-ci-state.ts';
import { finishCiWait } from './finish-ci-wait.ts';
import { runCiFixPass } from './run-ci-fix-pass.ts';
import { schedulePoll } from './start-ci-wait.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** The history with the last pass's result filled in. */
const settle = (history: readonly CiPassRecord[], result: CiPassRecord['result'], checks: string[]) =>
  history.map((record, index) => (index === history.length - 1 ? { ...record, result, checks } : record));

/** The attempts this repository allows: its `ci_fix_attempts` when lower than the operator's. */
async function allowedAttempts(deps: WorkerDeps, target: RepoTarget, defaultBranch: string) {
  const phase = deps.config.finops.phases[deps.config.finops.active_phase]!;
  const settings = await loadRepoSettings({
    ...target,
    defaultBranch,
    globalCaps: {
      dailyCapEur: phase.daily_eur_cap,
      monthlyCapEur: phase.monthly_eur_cap,
      runCapEur: deps.config.finops.run_default_cap_eur,
      ciFixAttempts: deps.ci.fixAttempts,
    },
  });
  const own = settings.ok ? settings.settings.ciFixAttempts : undefined;
  return {
    attempts: Math.min(own ?? deps.ci.fixAttempts, deps.ci.fixAttempts),
    markReady: !settings.ok || settings.settings.draft !== 'always',
  };
}

/**
 * One look at a waiting run's CI, after a webhook or a poll: read the checks on its head, decide,
 * act. Still running: a poll queues the next look (a webhook leaves that to the poll). Decided: the
 * run's state is swapped off `waiting` first, so of two workers woken for the same head only one
 * goes on, to the verdict, or, when CI failed and attempts are left, to a ci-fix pass with the
 * collected failures.
 */
export async function continueCiWait(run: RunRecord, deps: WorkerDeps, target: RepoTarget, source: 'webhook' | 'poll'): Promise<void> {
  const ci = run.ci;
  if (!ci || ci.phase !== 'waiting' || run.prNumber === null) return;
  const now = (deps.now ?? Date.now)();
  const { data: pull } = await target.octokit.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: run.prNumber });
  const { attempts, markReady } = await allowedAttempts(deps, target, pull.base.repo.default_branch);
  let decision: CiDecision | { state: 'cancelled' };
  if (await deps.runStore.isCancelRequested(run.id)) decision = { state: 'cancelled' };
  else {
    const observed = await readCiChecks({ ...target, headSha: ci.headSha, baseBranch: pull.base.ref, ownAppId: ci.ownAppId });
    decision = decideCiState(observed, { elapsedMs: now - ci.since, graceMs: deps.ci.graceMs, timeoutMs: deps.ci.timeoutMs });
  }
  if (decision.state === 'pending') {
    if (source === 'poll') {
      const noneYet = decision.waitingFor.length === 0 ? ci.since + deps.ci.graceMs - now : Number.POSITIVE_INFINITY;
      const delay = Math.min(deps.ci.pollMs, ci.since + deps.ci.timeoutMs - now, noneYet);
      await schedulePoll(run, ci, deps, delay, now);
    }
    return;
  }
  const expected = { phase: 'waiting' as const, headSha: ci.headSha };
  if (decision.state === 'failed' && ci.pass < attempts) {
    const failures = await collectCiFailures(target, decision.failed);
    const names = decision.failed.map((check) => check.name);
    const fixing: RunCiState = { ...ci, phase: 'fixing', failures, history: settle(ci.history, 'failed', names) };
    if (!(await deps.runStore.swapCi(run.id, expected, fixing))) return;
    await completeCheckRun({
      ...target,
      checkRunId: ci.agentCheckRunId,
      conclusion: 'failure',
      title: "The repository's CI failed",
      summary: `aos is fixing it in ci-fix pass ${ci.pass + 1} of ${attempts}:\n${ciFailureLines(failures)
        .map((line) => `- ${line.replace(/[\r\n]+/g, ' ')}`)
        .join('\n')}`,
      annotations: [],
    });
    const note = `🔧 ci-fix pass ${ci.pass + 1} of ${attempts} is under way.`;
    await (await ciRunReport({ ...run, ci: fixing }, deps, target)).status(null, undefined, renderCiProgress(fixing.history, note));
    return runCiFixPass({ ...run, ci: fixing }, deps, target);
  }
  const ended = endingOf(decision, ci, attempts);
  const final: RunCiState = { ...ci, history: settle(ci.history, ended.result, ended.checks) };
  if (!(await deps.runStore.swapCi(run.id, expected, null))) return;
  // The last failures are listed, so whoever takes the pull request over knows where it stands.
  const last = decision.state === 'failed' ? ciFailureLines(await collectCiFailures(target, decision.failed)) : [];
  const reason = [ended.ending.reason, ...last.map((line) => `- ${line.replace(/[\r\n]+/g, ' ')}`)].join('\n');
  await finishCiWait(run, final, deps, target, { ...ended.ending, reason, markReady });
}

/** The verdict a decided wait ends the run with. */
function endingOf(decision: Exclude<CiDecision, { state: 'pending' }> | { state: 'cancelled' }, ci: RunCiState, attempts: number) {
  const needsWork = (reason: string) => ({ verdict: 'needs-work' as const, outcome: 'succeeded' as const, reason });
  switch (decision.state) {
    case 'passed':
      return {
        result: 'passed' as const,
        checks: decision.checks,
        ending:
          ci.approverVerdict === 'ready'
            ? {
                verdict: 'ready' as const,
                outcome: 'succeeded' as const,
                reason: "the approver said ready and the repository's CI passed on this commit.",
              }
            : needsWork("the repository's CI passed, but the approver asked for more work."),
      };
    case 'failed': {
      const names = decision.failed.map((check) => check.name);
      return {
        result: 'failed' as const,
        checks: names,
        ending: needsWork(
          `the repository's CI still fails after ${attempts} ci-fix pass${attempts === 1 ? '' : 'es'}: ${names.join(', ')}.`,
        ),
      };
    }
    case 'no-ci':
      return { result: 'no-ci' as const, checks: [], ending: needsWork('no CI ran on this commit: the change is unverified.') };
    case 'timed-out':
      return {
        result: 'timed-out' as const,
        checks: decision.waitingFor,
        ending: needsWork(
          `the repository's CI did not finish in time (still waiting for ${decision.waitingFor.join(', ') || 'its checks'}).`,
        ),
      };
    case 'cancelled':
      return {
        result: ci.history.at(-1)?.result ?? ('waiting' as const),
        checks: [],
        ending: { verdict: 'needs-work' as const, outcome: 'cancelled' as const, reason: 'the run was cancelled while it waited for CI.' },
      };
  }
}
