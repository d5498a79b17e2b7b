import { now, nodeId } from './github-values.ts';
import { invalid, notFound } from './http-error.ts';
import { num, R, type RouteParts } from './router.ts';
import type { DoubleReaction, DoubleRepo, DoubleUser } from './state.ts';

/** Reactions on issue comments and review comments. */
export function addReactionsRoutes({ route, double, model, json }: RouteParts): void {
  const { state, bot, nextId } = double;
  const { repoOf } = model;
  const { userJson } = json;
  const addReaction = (repo: DoubleRepo, subject: DoubleReaction['subject'], commentId: number, content: unknown, user: DoubleUser) => {
    const exists =
      subject === 'issue_comment'
        ? repo.comments.some((comment) => comment.id === commentId)
        : repo.reviewComments.some((comment) => comment.id === commentId);
    if (!exists) throw notFound();
    if (typeof content !== 'string' || !['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'].includes(content))
      throw invalid('Validation Failed', [{ resource: 'Reaction', field: 'content', code: 'invalid' }]);
    const existing = state.reactions.find(
      (reaction) =>
        reaction.repo === repo.fullName &&
        reaction.subject === subject &&
        reaction.commentId === commentId &&
        reaction.content === content &&
        reaction.user.login === user.login,
    );
    const reaction = existing ?? { id: nextId(), subject, repo: repo.fullName, commentId, content, user };
    if (!existing) state.reactions.push(reaction);
    return {
      status: existing ? 200 : 201,
      body: { id: reaction.id, node_id: nodeId('REA_', reaction.id), user: userJson(user), content, created_at: now() },
    };
  };

  route('POST', `${R}/issues/comments/:id/reactions`, ({ params, body }) =>
    addReaction(repoOf(params[0]!, params[1]!), 'issue_comment', num(params[2]), body.content, bot),
  );
  route('POST', `${R}/pulls/comments/:id/reactions`, ({ params, body }) =>
    addReaction(repoOf(params[0]!, params[1]!), 'review_comment', num(params[2]), body.content, bot),
  );
}
