import type { AgentState } from '../../agents/agent-state.ts';
import { checkpointKey, type RunCheckpoint } from '../../agents/graph/run-graph.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { AosError } from '../../observability/aos-error.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { loadRepoSettings } from '../repo-settings/load-repo-settings.ts';
import { ciFailureFindings, ciFailureLines } from './ci-failure-findings.ts';
import { finishCiWait } from './finish-ci-wait.ts';
import { runRevisionPass } from './run-revision-pass.ts';
import { startCiWait } from './start-ci-wait.ts';
import type { WorkerDeps } from './worker-deps.ts';

/**
 * A ci-fix pass: the repository's CI failed on the run's head, so the coder gets the collected
 * failures as findings, then critic, qa and approver run, on the same branch, charged to the
 * run's budget (the same pass as `/aos revise`). A new commit waits for CI again; a pass that
 * changes nothing (a refused budget, a coder with no answer) ends the run needs-work with its
 * reasons and the failures it could not fix. Resumable: the pass has its own checkpoint.
 */
export async function runCiFixPass(run: RunRecord, deps: WorkerDeps, target: RepoTarget): Promise<void> {
  const ci = run.ci;
  if (!ci || ci.phase !== 'fixing' || run.prNumber === null || run.branch === null) return;
  const checkpoint = await deps.stateRepository.get<RunCheckpoint<AgentState>>(checkpointKey(run.id));
  if (!checkpoint?.state.plan) throw new AosError('revise_without_run', 'the run has no plan to fix its CI failures with');
  const { data: pull } = await target.octokit.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: run.prNumber });
  const phase = deps.config.finops.phases[deps.config.finops.active_phase]!;
  const settings = await loadRepoSettings({
    ...target,
    defaultBranch: pull.base.repo.default_branch,
    globalCaps: {
      dailyCapEur: phase.daily_eur_cap,
      monthlyCapEur: phase.monthly_eur_cap,
      runCapEur: deps.config.finops.run_default_cap_eur,
    },
  });
  if (!settings.ok)
    throw new AosError('repo_settings_invalid', "the repository's .github/aos.yml became invalid; the ci-fix pass did not run");
  const pass = ci.pass + 1;
  const addressed = ciFailureLines(ci.failures);
  const result = await runRevisionPass(
    {
      run,
      graphId: `${run.id}.ci-fix-${pass}`,
      target,
      installationId: Number(run.installationId),
      pullNumber: run.prNumber,
      branch: run.branch,
      headSha: ci.headSha,
      previous: checkpoint.state,
      comments: [],
      instructions: '',
      findings: ciFailureFindings(ci.failures),
      summary: "The repository's CI failed on this pull request's head commit.",
      settings: settings.settings,
      commitMessage: `aos: fix CI of #${run.prNumber} (ci-fix pass ${pass})\n\nRun ${run.id}`,
      addressed,
    },
    deps,
  );
  if (result.headSha === null) {
    const state = result.outcome.state;
    // The failure (a refused budget) says it best; else the approver's first reasons.
    const reasons = state.failure ? [state.failure.message] : (state.approval?.reasons ?? ['the coder proposed no change']).slice(0, 2);
    if (!(await deps.runStore.swapCi(run.id, { phase: 'fixing', headSha: ci.headSha }, null))) return;
    const cancelled = result.outcome.status === 'cancelled';
    return finishCiWait(run, ci, deps, target, {
      verdict: 'needs-work',
      outcome: cancelled ? 'cancelled' : 'succeeded',
      reason: `ci-fix pass ${pass} made no change (${reasons.join('; ')}); the CI failures stay:\n${addressed.map((line) => `- ${line}`).join('\n')}`,
      markReady: false,
    });
  }
  return startCiWait(run, deps, target, {
    pullNumber: run.prNumber,
    branch: run.branch,
    headSha: result.headSha,
    pass,
    approval: result.outcome.state.approval,
    history: ci.history,
    from: { phase: 'fixing', headSha: ci.headSha },
  });
}
