import { DOCS, now } from './github-values.ts';
import { HttpError, invalid, notFound } from './http-error.ts';
import { num, ok, R, type RouteParts } from './router.ts';

/** Issues, their comments and labels. */
export function addIssuesRoutes({ route, double, model, json, paginate }: RouteParts): void {
  const { bot } = double;
  const { repoOf, issueOf, newComment } = model;
  const { issueJson, commentJson, labelJson } = json;
  route('GET', `${R}/issues/:n`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    return ok(issueJson(repo, issueOf(repo, num(params[2]))));
  });
  route('GET', `${R}/issues/:n/comments`, (ctx) => {
    const repo = repoOf(ctx.params[0]!, ctx.params[1]!);
    const issue = issueOf(repo, num(ctx.params[2]));
    return paginate(
      repo.comments.filter((comment) => comment.issueNumber === issue.number).map((comment) => commentJson(repo, comment)),
      ctx,
    );
  });
  route('POST', `${R}/issues/:n/comments`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const issue = issueOf(repo, num(params[2]));
    if (typeof body.body !== 'string' || body.body === '')
      throw invalid('Validation Failed', [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
    if (body.body.length > 65_536)
      throw invalid('Validation Failed', [
        { resource: 'IssueComment', field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' },
      ]);
    return ok(commentJson(repo, newComment(repo, issue.number, body.body, bot)), 201);
  });
  route('PATCH', `${R}/issues/comments/:id`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const comment = repo.comments.find((candidate) => candidate.id === num(params[2]));
    if (!comment) throw notFound();
    if (comment.user.login !== bot.login)
      throw new HttpError(403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' });
    if (typeof body.body !== 'string' || body.body === '')
      throw invalid('Validation Failed', [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
    comment.body = body.body;
    comment.updated_at = now();
    comment.history.push(body.body);
    return ok(commentJson(repo, comment));
  });
  route('POST', `${R}/issues/:n/labels`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const issue = issueOf(repo, num(params[2]));
    const labels = (Array.isArray(body) ? body : body.labels) as Array<string | { name: string }> | undefined;
    if (!Array.isArray(labels)) throw invalid('Invalid request.\n\n"labels" wasn\'t supplied.');
    for (const label of labels.map((entry) => (typeof entry === 'string' ? entry : entry.name)))
      if (!issue.labels.includes(label)) issue.labels.push(label);
    return ok(issue.labels.map(labelJson));
  });
  route('DELETE', `${R}/issues/:n/labels/:name`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const issue = issueOf(repo, num(params[2]));
    const index = issue.labels.indexOf(params[3]!);
    if (index === -1) throw notFound('Label does not exist');
    issue.labels.splice(index, 1);
    return ok(issue.labels.map(labelJson));
  });
}
