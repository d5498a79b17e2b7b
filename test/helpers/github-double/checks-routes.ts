import { nodeId } from './github-values.ts';
import { invalid, notFound } from './http-error.ts';
import { num, ok, R, type RouteParts } from './router.ts';
import type { DoubleAnnotation, DoubleCheckRun } from './state.ts';

/** Check runs: created, updated and read, with GitHub's checks of status, conclusion and output. */
export function addChecksRoutes({ route, double, model, json }: RouteParts): void {
  const { nextId } = double;
  const { repoOf } = model;
  const { checkRunJson } = json;
  const applyCheckOutput = (run: DoubleCheckRun, output: unknown) => {
    if (output === undefined) return;
    const value = output as { title?: string; summary?: string; text?: string; annotations?: DoubleAnnotation[] };
    if (typeof value.title !== 'string' || typeof value.summary !== 'string')
      throw invalid('Invalid request.\n\n"title" and "summary" are required keys of output.');
    const annotations = value.annotations ?? [];
    if (annotations.length > 50) throw invalid('Invalid request.\n\nOnly 50 annotations are allowed per request.');
    for (const annotation of annotations) {
      if (
        !annotation.path ||
        !Number.isInteger(annotation.start_line) ||
        !Number.isInteger(annotation.end_line) ||
        !['notice', 'warning', 'failure'].includes(annotation.annotation_level) ||
        !annotation.message
      ) {
        throw invalid(
          'Invalid request.\n\nannotations need path, start_line, end_line, annotation_level (notice, warning, failure) and message.',
        );
      }
    }
    run.output.title = value.title;
    run.output.summary = value.summary;
    run.output.text = value.text ?? run.output.text;
    // GitHub appends the annotations of each update.
    run.output.annotations.push(...annotations);
  };
  const applyCheckStatus = (run: DoubleCheckRun, body: Record<string, unknown>) => {
    if (typeof body.status === 'string') run.status = body.status;
    if (typeof body.conclusion === 'string') {
      run.conclusion = body.conclusion;
      run.status = 'completed';
    }
    if (run.status === 'completed' && run.conclusion === null)
      throw invalid('Invalid request.\n\n"conclusion" is required when "status" is "completed".');
    if (typeof body.started_at === 'string') run.started_at = body.started_at;
    if (typeof body.completed_at === 'string') run.completed_at = body.completed_at;
    if (typeof body.details_url === 'string') run.details_url = body.details_url;
    if (typeof body.external_id === 'string') run.external_id = body.external_id;
  };

  route('POST', `${R}/check-runs`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    if (typeof body.name !== 'string' || typeof body.head_sha !== 'string')
      throw invalid('Invalid request.\n\n"name" and "head_sha" are required.');
    if (!repo.git.commits.has(body.head_sha)) throw invalid('No commit found for SHA: ' + body.head_sha);
    const id = nextId();
    const run: DoubleCheckRun = {
      id,
      node_id: nodeId('CR_', id),
      name: body.name,
      head_sha: body.head_sha,
      status: 'queued',
      conclusion: null,
      external_id: null,
      details_url: null,
      started_at: null,
      completed_at: null,
      output: { title: null, summary: null, text: null, annotations: [] },
    };
    applyCheckStatus(run, body);
    applyCheckOutput(run, body.output);
    repo.checkRuns.push(run);
    return ok(checkRunJson(repo, run), 201);
  });
  route('PATCH', `${R}/check-runs/:id`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const run = repo.checkRuns.find((candidate) => candidate.id === num(params[2]));
    if (!run) throw notFound();
    applyCheckStatus(run, body);
    applyCheckOutput(run, body.output);
    return ok(checkRunJson(repo, run));
  });
  route('GET', `${R}/check-runs/:id`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const run = repo.checkRuns.find((candidate) => candidate.id === num(params[2]));
    if (!run) throw notFound();
    return ok(checkRunJson(repo, run));
  });
}
