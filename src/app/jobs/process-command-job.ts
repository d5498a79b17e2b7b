import { AosError } from '../../observability/aos-error.ts';
import { withSpan } from '../../observability/tracing/with-span.ts';
import { decideCommandAccess } from '../commands/decide-command-access.ts';
import { fetchPermission } from '../commands/fetch-permission.ts';
import { HELP_TEXT } from '../commands/help-text.ts';
import { parseCommand } from '../commands/parse-command.ts';
import { formatEur } from '../github/format-eur.ts';
import { codeCell } from '../github/markdown-cell.ts';
import { react } from '../github/reactions.ts';
import { renderUntrustedText } from '../github/render-untrusted-text.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { countGithubRequests, type GithubRequestCount } from '../github/count-github-requests.ts';
import { logRequestsTo } from '../github/log-requests-to.ts';
import { answerBudgetCommand } from './answer-budget-command.ts';
import { jobLogger, runLogger } from './job-logger.ts';
import { readRateLimitWait } from './decide-rate-limit-wait.ts';
import { createPlanRunReport } from './plan-run-report.ts';
import type { CommandJob } from './job-types.ts';
import { runPlan } from './run-plan.ts';
import { runRevise } from './run-revise.ts';
import type { WorkerDeps } from './worker-deps.ts';

/**
 * Carries out one comment command in a worker: checks who may run it, then plan, revise, status,
 * cancel, budget or help. A run that fails for an unexpected reason is marked failed, its status
 * comment says so, and the triggering comment gets 😕: nothing is left half-written silently.
 */
export async function processCommandJob(job: CommandJob, workerDeps: WorkerDeps): Promise<void> {
  const parsed = parseCommand(job.body);
  if (parsed.kind === 'none') return;
  let deps: WorkerDeps = { ...workerDeps, logger: jobLogger(workerDeps.logger, job) };
  const octokit = await deps.octokitFor(job.installationId);
  logRequestsTo(octokit, deps.logger);
  // What this job costs the installation's rate limit; a run records it in its ledger.
  const requests = countGithubRequests(octokit);
  const target: RepoTarget = { octokit, owner: job.owner, repo: job.repo };
  const reply = (body: string) => octokit.rest.issues.createComment({ owner: job.owner, repo: job.repo, issue_number: job.number, body });
  if (parsed.kind === 'unknown') {
    // The word is the commenter's text: echoed only as an inert code span.
    await reply(`Unknown command ${codeCell(parsed.word)}.\n\n${HELP_TEXT}`);
    return;
  }
  const isBotPullRequest = job.isPullRequest && (await deps.runStore.runForPullRequest(job.owner, job.repo, job.number)) !== null;
  const permission = await fetchPermission(octokit, job.owner, job.repo, job.sender.login);
  const access = decideCommandAccess({
    command: parsed.name,
    sender: job.sender,
    permission,
    isBotPullRequest,
    where: job.isPullRequest ? 'pull_request' : 'issue',
  });
  if (!access.allow) {
    if (access.reason !== 'bot') await reply(access.message);
    return;
  }

  switch (parsed.name) {
    case 'help':
      await reply(HELP_TEXT);
      return;
    case 'status': {
      const [latest] = await deps.runStore.listRuns({ owner: job.owner, repo: job.repo, issueNumber: job.number, limit: 1 });
      await reply(
        latest
          ? `The latest aos run here is \`${latest.id}\`: **${latest.status}**${latest.verdict ? ` (${latest.verdict})` : ''}, cost so far ${formatEur(latest.costEur)}${latest.prNumber ? `, pull request #${latest.prNumber}` : ''}.`
          : 'No aos run has been started here yet. Comment `/aos plan` to start one.',
      );
      return;
    }
    case 'cancel': {
      const active = await deps.runStore.activeRunFor(job.owner, job.repo, job.number);
      if (!active) {
        await reply('There is no aos run in progress here to cancel.');
        return;
      }
      await deps.runStore.requestCancel(active.id);
      await reply(`Cancelling run \`${active.id}\`: it stops before its next step. Nothing already committed is undone.`);
      return;
    }
    case 'budget':
      await reply(await answerBudgetCommand(job, deps, target));
      return;
    case 'plan':
    case 'revise':
      break;
  }

  const created = await deps.runStore.createRun({
    kind: parsed.name === 'plan' ? 'issue' : 'revise',
    installationId: job.installationId,
    owner: job.owner,
    repo: job.repo,
    issueNumber: job.number,
    requestedBy: job.sender.login,
    triggerCommentId: job.commentId,
    deliveryId: job.deliveryId,
    instructions: parsed.instructions,
    dryRun: parsed.dryRun,
  });
  let run;
  if (created.created) run = created.run;
  else if (created.active.deliveryId === job.deliveryId)
    run = created.active; // a retried job resumes its own run
  else {
    await reply(
      `An aos run is already in progress here (\`${created.active.id}\`, started by @${created.active.requestedBy ?? 'someone'}). Use \`/aos status\` to follow it or \`/aos cancel\` to stop it.`,
    );
    return;
  }
  // From here on every line is the run's: its id becomes the correlation id.
  deps = { ...deps, logger: runLogger(workerDeps.logger, job, run.id) };
  logRequestsTo(octokit, deps.logger);
  deps.logger.info({ command: parsed.name, dry_run: parsed.dryRun, resumed: !created.created }, 'run started');
  await react({
    ...target,
    commentId: job.commentId,
    content: 'eyes',
    commentKind: job.commentKind === 'review_comment' ? 'review' : 'issue',
  });
  const wait = await readRateLimitWait(octokit, deps.githubRateLimitFloor ?? 0);
  if (wait.wait && deps.requeue) {
    // The run stays queued: this job comes back when the window resets (and a restart resumes queued runs).
    await createPlanRunReport({ job, run, deps, target }, []).status(null, undefined, wait.message);
    deps.logger.info({ remaining: wait.remaining, floor: wait.floor }, 'run waits for the GitHub rate limit to reset');
    await recordGithubRequests(deps, run.id, requests);
    await deps.requeue(job, Math.max(1_000, wait.resetAt - Date.now() + 1_000));
    return;
  }
  try {
    const runSpan = { attributes: { 'aos.run_id': run.id, 'aos.run.kind': parsed.name, 'aos.dry_run': run.dryRun } };
    await withSpan(`run ${parsed.name}`, runSpan, () =>
      parsed.name === 'plan' ? runPlan(job, run, deps, target) : runRevise(job, run, deps, target),
    );
  } catch (error) {
    const message =
      error instanceof AosError ? error.message : 'aos hit an unexpected error; the operators can find it in the logs under this run id.';
    deps.logger.error({ err: error instanceof Error ? error.stack : String(error) }, 'run failed');
    await deps.runStore.updateRun(run.id, {
      status: 'failed',
      error: error instanceof Error ? error.message : String(error),
      finishedAt: new Date().toISOString(),
    });
    await reply(`aos run \`${run.id}\` failed: ${renderUntrustedText(message)}`).catch(() => undefined);
    await react({
      ...target,
      commentId: job.commentId,
      content: 'confused',
      commentKind: job.commentKind === 'review_comment' ? 'review' : 'issue',
    });
  } finally {
    await recordGithubRequests(deps, run.id, requests);
  }
}

/** Appends what this job cost in GitHub requests to the run's ledger; the run page adds these up. */
async function recordGithubRequests(deps: WorkerDeps, runId: string, requests: GithubRequestCount): Promise<void> {
  await deps.ledger
    .appendEvent(runId, 'github.requests', {
      total: requests.total(),
      by_kind: requests.byKind(),
      rate_limit_remaining: requests.rateLimit()?.remaining ?? null,
    })
    .catch((error: unknown) => deps.logger.warn({ err: String(error) }, 'GitHub request count not recorded'));
}
