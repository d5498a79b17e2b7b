import { ok, type Answer } from './router.ts';
import type { DoubleState } from './state.ts';

/** The one GraphQL operation aos uses (`markPullRequestReadyForReview`); any other is answered with an error naming it. */
export function answerGraphql(state: DoubleState, body: Record<string, unknown>): Answer {
  const query = String(body.query ?? '');
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  if (/markPullRequestReadyForReview/.test(query)) {
    for (const repo of Object.values(state.repos)) {
      const pull = repo.pulls.find((candidate) => candidate.node_id === variables.id);
      if (pull) {
        pull.draft = false;
        return ok({ data: { markPullRequestReadyForReview: { pullRequest: { isDraft: false } } } });
      }
    }
    return ok({
      data: { markPullRequestReadyForReview: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['markPullRequestReadyForReview'],
          message: `Could not resolve to a node with the global id of '${String(variables.id)}'`,
        },
      ],
    });
  }
  return ok({ errors: [{ message: `github-double does not implement this GraphQL operation: ${query.slice(0, 120)}` }] });
}
