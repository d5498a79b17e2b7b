import type { Dependency, ParseProblem } from '../../packages/types.ts';
import { detectFormat, parseDependencyFile } from '../../packages/parsers/parse-dependency-file.ts';
import { diffDependencies } from '../../packages/verify/diff-dependencies.ts';
import { verifyDependencies } from '../../packages/verify/verify-dependencies.ts';
import { completeCheckRun, createCheckRun, PACKAGE_REALITY_CHECK } from '../github/check-runs.ts';
import { readRepoFile } from '../github/read-repo-file.ts';
import { renderPackageRealityCheck } from '../github/render-package-reality-check.ts';
import { renderUntrustedText } from '../github/render-untrusted-text.ts';
import { recordCheckRun } from '../../observability/record-check-run.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { logRequestsTo } from '../github/log-requests-to.ts';
import { jobLogger } from './job-logger.ts';
import type { PackageRealityJob } from './job-types.ts';
import type { WorkerDeps } from './worker-deps.ts';

/**
 * The `aos / package-reality` check of one pull request head: created in progress at once, then
 * every dependency the pull request adds or changes (manifests and lockfiles, base against head)
 * is verified, and the check concludes with a summary and an annotation on each finding's line.
 * A file that cannot be read at head, or only in part, fails the check with an annotation there.
 */
export async function processPackageRealityJob(job: PackageRealityJob, workerDeps: WorkerDeps): Promise<void> {
  const deps: WorkerDeps = { ...workerDeps, logger: jobLogger(workerDeps.logger, job) };
  const octokit = await deps.octokitFor(job.installationId);
  logRequestsTo(octokit, deps.logger);
  const target: RepoTarget = { octokit, owner: job.owner, repo: job.repo };
  const checkRunId = await createCheckRun({ ...target, headSha: job.headSha, name: PACKAGE_REALITY_CHECK, externalId: job.deliveryId });
  try {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
      owner: job.owner,
      repo: job.repo,
      pull_number: job.pullNumber,
      per_page: 100,
    });
    const dependencyFiles = files
      .filter((file) => file.status !== 'removed' && detectFormat(file.filename) !== null)
      .map((file) => file.filename);
    if (dependencyFiles.length === 0) {
      await completeCheckRun({
        ...target,
        checkRunId,
        conclusion: 'neutral',
        title: 'No dependency changes',
        summary: 'This pull request changes no manifest or lockfile, so there is nothing to verify.',
        annotations: [],
      });
      if (deps.metrics) recordCheckRun(deps.metrics, 'package-reality', 'neutral');
      deps.logger.info({ pull_number: job.pullNumber, conclusion: 'neutral' }, 'package-reality check concluded: no dependency changes');
      return;
    }
    const dependencies: Dependency[] = [];
    const problems: ParseProblem[] = [];
    for (const path of dependencyFiles) {
      const head = await readRepoFile(target, path, job.headSha);
      if (head === null) {
        // Listed as changed but not a regular file at head (a symlink, a submodule): unread, so unverified.
        problems.push({ file: path, line: 1, message: 'not a regular file at the head commit (a symlink?), so aos cannot read it' });
        continue;
      }
      const parsedHead = parseDependencyFile(head, path);
      if (!parsedHead) continue;
      problems.push(...parsedHead.problems);
      const base = await readRepoFile(target, path, job.baseSha);
      const parsedBase = base === null ? null : parseDependencyFile(base, path);
      dependencies.push(...diffDependencies(parsedBase?.dependencies ?? null, parsedHead.dependencies));
    }
    const report = await verifyDependencies({ dependencies, problems, clients: await deps.packageClients(), policy: deps.packagePolicy });
    const check = renderPackageRealityCheck({
      report,
      files: dependencyFiles,
      scope: 'dependencies added or changed by this pull request',
    });
    await completeCheckRun({ ...target, checkRunId, ...check });
    if (deps.metrics) recordCheckRun(deps.metrics, 'package-reality', check.conclusion);
    deps.logger.info(
      { pull_number: job.pullNumber, conclusion: check.conclusion, dependencies: dependencies.length, files: dependencyFiles.length },
      'package-reality check concluded',
    );
    if (check.conclusion === 'failure' && deps.notify) {
      await deps
        .notify({
          type: 'package_reality.failed',
          correlationId: job.correlationId ?? job.deliveryId,
          title: `Package reality failed on ${job.owner}/${job.repo}#${job.pullNumber}`,
          text: check.title,
          fields: { repository: `${job.owner}/${job.repo}`, pull_request: String(job.pullNumber) },
        })
        .catch((error: unknown) => deps.logger.warn({ err: String(error) }, 'notification not stored'));
    }
  } catch (error) {
    deps.metrics?.packageRealityErrors.inc();
    const concluded = await completeCheckRun({
      ...target,
      checkRunId,
      conclusion: 'neutral',
      title: 'Package reality could not run',
      summary: `aos could not finish this check: ${renderUntrustedText(error instanceof Error ? error.message : String(error))}. Re-run the check to try again.`,
      annotations: [],
    }).then(
      () => true,
      () => false,
    );
    if (concluded && deps.metrics) recordCheckRun(deps.metrics, 'package-reality', 'neutral');
    throw error;
  }
}
