import { runAgent } from '../../agents/run-agent.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { linkableRepository } from '../github/linkable-repository.ts';
import { renderPlanComment } from '../github/render-plan-comment.ts';
import { loadRepoSettings } from '../repo-settings/load-repo-settings.ts';
import { decidePlanRunEnd } from './decide-plan-run-end.ts';
import type { CommandJob } from './job-types.ts';
import { openPlanPullRequest } from './open-plan-pull-request.ts';
import { createPlanRunReport } from './plan-run-report.ts';
import { planRunInput } from './plan-run-input.ts';
import type { WorkerDeps } from './worker-deps.ts';

/**
 * `/aos plan` on an issue, from settings to pull request: read `.github/aos.yml` from the default
 * branch, run the graph on the default branch head through the GitHub workspace, keep the status
 * comment current after each node, then commit on `aos/issue-<n>-<short id>`, open the pull
 * request, post the critic's and QA's review and the `aos / agent` check run. A run that is
 * refused (budget, residency, invalid settings) says why and leaves no branch or pull request.
 * What the graph starts from (planRunInput) and how the run ends (decidePlanRunEnd) are decided
 * apart from the GitHub calls that act on them.
 */
export async function runPlan(job: CommandJob, run: RunRecord, deps: WorkerDeps, target: RepoTarget): Promise<void> {
  const { octokit, owner, repo } = target;
  const { config, runStore } = deps;
  const phase = config.finops.phases[config.finops.active_phase]!;
  const context = { job, run, deps, target };
  const completed = (await deps.ledger.readEvents(run.id))
    .filter((event) => event.type === 'node.completed')
    .map((event) => (event.payload as { node: string }).node);
  const report = createPlanRunReport(context, completed);

  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const defaultBranch = repository.default_branch;
  const settings = await loadRepoSettings({
    octokit,
    owner,
    repo,
    defaultBranch,
    globalCaps: { dailyCapEur: phase.daily_eur_cap, monthlyCapEur: phase.monthly_eur_cap, runCapEur: config.finops.run_default_cap_eur },
  });
  if (!settings.ok) {
    await octokit.rest.issues.createComment({ owner, repo, issue_number: job.number, body: settings.message });
    await report.finish({
      outcome: 'failed',
      message: 'Nothing was run: `.github/aos.yml` is invalid (see the comment above).',
      patch: { status: 'failed', error: 'invalid .github/aos.yml' },
    });
    return;
  }
  const { data: issue } = await octokit.rest.issues.get({ owner, repo, issue_number: job.number });
  const { data: comments } = await octokit.rest.issues.listComments({ owner, repo, issue_number: job.number, per_page: 50 });
  const baseSha = run.baseSha ?? (await octokit.rest.repos.getBranch({ owner, repo, branch: defaultBranch })).data.commit.sha;
  await runStore.updateRun(run.id, { status: 'running', baseSha, startedAt: run.startedAt ?? new Date().toISOString() });
  await report.status(completed.length === 0 ? 'planner' : null);

  const input = planRunInput({
    job,
    run,
    repository: `${owner}/${repo}`,
    issue,
    comments,
    settings: settings.settings,
    runDefaultCapEur: config.finops.run_default_cap_eur,
  });
  const workspace = deps.openWorkspace({ target, commitSha: baseSha, policy: input.editPolicy });
  const outcome = await runAgent({
    runId: run.id,
    initialState: input.initialState,
    workspace,
    router: deps.router,
    stateRepository: deps.stateRepository,
    ledger: deps.ledger,
    logger: deps.logger,
    budget: input.budget,
    ...(deps.dependencyVerifier ? { dependencies: deps.dependencyVerifier } : {}),
    isCancelled: () => runStore.isCancelRequested(run.id),
    onNodeCompleted: ({ node, next }) => report.nodeCompleted(node, next),
  });

  const end = decidePlanRunEnd(outcome, { runId: run.id, dryRun: run.dryRun, issueNumber: job.number, draft: settings.settings.draft });
  if (end.next === 'open-pull-request')
    return openPlanPullRequest(
      context,
      report,
      { workspace, baseSha, defaultBranch, issueTitle: issue.title },
      end.pullRequest,
      outcome.state,
    );
  if (end.next === 'post-plan')
    await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: job.number,
      body: renderPlanComment(outcome.state.plan, outcome.state.failure?.message, linkableRepository(target)),
    });
  await report.finish(end.ending);
}
