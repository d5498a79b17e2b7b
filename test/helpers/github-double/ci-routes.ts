import { API, DOCS } from './github-values.ts';
import { HttpError, notFound } from './http-error.ts';
import { num, ok, R, type RouteParts } from './router.ts';

/**
 * The repository's CI as aos reads it: the check runs and commit statuses of a commit (written by
 * any app), a check run's annotations, an Actions job's log (a redirect to the text, as GitHub
 * hands it out) and a branch protection's required status checks.
 */
export function addCiRoutes({ route, double, model, json }: RouteParts): void {
  const { repoOf } = model;
  route('GET', `${R}/commits/:ref/check-runs`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    // `filter: latest` (GitHub's default): the newest run of each name.
    const latest = new Map<string, (typeof repo.checkRuns)[number]>();
    for (const run of repo.checkRuns.filter((candidate) => candidate.head_sha === params[2])) latest.set(run.name, run);
    const runs = [...latest.values()].map((run) => json.checkRunJson(repo, run));
    return ok({ total_count: runs.length, check_runs: runs });
  });
  route('GET', `${R}/commits/:ref/status`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const latest = new Map<string, (typeof repo.statuses)[number]>();
    for (const status of repo.statuses.filter((candidate) => candidate.sha === params[2])) latest.set(status.context, status);
    const statuses = [...latest.values()];
    const state = statuses.some((status) => status.state === 'failure' || status.state === 'error')
      ? 'failure'
      : statuses.every((status) => status.state === 'success') && statuses.length > 0
        ? 'success'
        : 'pending';
    return ok({ state, sha: params[2], total_count: statuses.length, statuses });
  });
  route('GET', `${R}/check-runs/:id/annotations`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const run = repo.checkRuns.find((candidate) => candidate.id === num(params[2]));
    if (!run) throw notFound();
    return ok(run.output.annotations.map((annotation) => ({ ...annotation, blob_href: '', raw_details: null })));
  });
  route('GET', `${R}/actions/jobs/:id/logs`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    if (!repo.jobLogs.has(num(params[2]))) throw notFound();
    return { status: 302, body: '', headers: { location: `${double.baseUrl}${API}/_double/job-logs/${repo.fullName}/${params[2]}` } };
  });
  // Where the redirect goes: on GitHub a short-lived signed URL that needs no token.
  route(
    'GET',
    '/_double/job-logs/:owner/:repo/:id',
    ({ params }) => {
      const log = repoOf(params[0]!, params[1]!).jobLogs.get(num(params[2]));
      if (log === undefined) throw notFound();
      return { status: 200, body: log, headers: { 'content-type': 'text/plain; charset=utf-8' } };
    },
    'none',
  );
  route('GET', `${R}/branches/:branch/protection/required_status_checks`, ({ params }) => {
    const required = repoOf(params[0]!, params[1]!).requiredChecks[params[2]!];
    if (required === 'forbidden')
      throw new HttpError(403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' });
    if (!required) throw notFound('Branch not protected');
    return ok({ strict: false, contexts: required, checks: required.map((context) => ({ context, app_id: null })) });
  });
}
