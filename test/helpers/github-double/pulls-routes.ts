import { nodeId } from './github-values.ts';
import { headSha } from './head-sha.ts';
import { invalid, notFound } from './http-error.ts';
import { num, ok, R, type RouteParts } from './router.ts';
import type { DoubleReview, DoubleReviewComment } from './state.ts';

/** Pull requests, their files, reviewers, reviews and review comments. */
export function addPullsRoutes({ route, double, model, json, paginate }: RouteParts): void {
  const { bot, collaborators, nextId } = double;
  const { repoOf, pullOf, issueOf, createPull, changedFiles } = model;
  const { pullJson, reviewJson, reviewCommentJson, htmlUrl, repoUrl } = json;
  route('POST', `${R}/pulls`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    if (typeof body.title !== 'string' || typeof body.head !== 'string' || typeof body.base !== 'string')
      throw invalid('Validation Failed', [{ resource: 'PullRequest', code: 'missing_field' }]);
    const { pull } = createPull(repo, {
      head: body.head,
      base: body.base,
      title: body.title,
      body: typeof body.body === 'string' ? body.body : '',
      draft: body.draft === true,
      user: bot,
      maintainerCanModify: body.maintainer_can_modify === true,
    });
    return ok(pullJson(repo, pull), 201);
  });
  route('GET', `${R}/pulls/:n`, ({ params }) => {
    const repo = repoOf(params[0]!, params[1]!);
    return ok(pullJson(repo, pullOf(repo, num(params[2]))));
  });
  route('PATCH', `${R}/pulls/:n`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const pull = pullOf(repo, num(params[2]));
    const issue = issueOf(repo, pull.number);
    if (typeof body.title === 'string') issue.title = body.title;
    if (typeof body.body === 'string') issue.body = body.body;
    if (body.state === 'open' || body.state === 'closed') pull.state = issue.state = body.state;
    if (typeof body.base === 'string') {
      if (repo.branches[body.base] === undefined)
        throw invalid('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
      pull.base = { ref: body.base, sha: repo.branches[body.base]! };
    }
    return ok(pullJson(repo, pull));
  });
  route('GET', `${R}/pulls/:n/files`, (ctx) => {
    const repo = repoOf(ctx.params[0]!, ctx.params[1]!);
    const files = changedFiles(repo, pullOf(repo, num(ctx.params[2]))).map(({ visibleNewLines: _, ...file }) => ({
      ...file,
      blob_url: `${htmlUrl(repo)}/blob/${file.sha}/${file.filename}`,
      contents_url: `${repoUrl(repo)}/contents/${file.filename}`,
    }));
    return paginate(files, ctx);
  });
  route('POST', `${R}/pulls/:n/requested_reviewers`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const pull = pullOf(repo, num(params[2]));
    const author = issueOf(repo, pull.number).user.login;
    for (const login of (body.reviewers ?? []) as string[]) {
      if (login === author) throw invalid('Review cannot be requested from pull request author.');
      if (!(login in collaborators) || collaborators[login] === 'none')
        throw invalid(
          `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.fullName} repository.`,
        );
      if (!pull.requestedReviewers.includes(login)) pull.requestedReviewers.push(login);
    }
    return ok(pullJson(repo, pull), 201);
  });
  route('GET', `${R}/pulls/:n/reviews`, (ctx) => {
    const repo = repoOf(ctx.params[0]!, ctx.params[1]!);
    const pull = pullOf(repo, num(ctx.params[2]));
    return paginate(
      repo.reviews.filter((review) => review.pullNumber === pull.number).map((review) => reviewJson(repo, review)),
      ctx,
    );
  });
  route('POST', `${R}/pulls/:n/reviews`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const pull = pullOf(repo, num(params[2]));
    const event = typeof body.event === 'string' ? body.event : null;
    if (event !== null && !['APPROVE', 'REQUEST_CHANGES', 'COMMENT'].includes(event))
      throw invalid('Validation Failed', [{ resource: 'PullRequestReview', field: 'event', code: 'invalid' }]);
    const author = issueOf(repo, pull.number).user.login;
    if (author === bot.login && event === 'APPROVE') throw invalid('Unprocessable Entity', ['Can not approve your own pull request']);
    if (author === bot.login && event === 'REQUEST_CHANGES')
      throw invalid('Unprocessable Entity', ['Can not request changes on your own pull request']);
    const commitId = typeof body.commit_id === 'string' ? body.commit_id : headSha(repo, pull);
    if (!repo.git.commits.has(commitId)) throw invalid('Unprocessable Entity', ['commit_id is not part of the pull request']);
    const files = new Map(changedFiles(repo, pull).map((file) => [file.filename, file]));
    const inline = (body.comments ?? []) as Array<{ path: string; line?: number; side?: string; body: string; position?: number }>;
    for (const comment of inline) {
      const file = files.get(comment.path);
      if (!file) throw invalid('Unprocessable Entity', ['Path could not be resolved']);
      if (comment.line === undefined || !file.visibleNewLines.has(comment.line) || (comment.side ?? 'RIGHT') !== 'RIGHT')
        throw invalid('Unprocessable Entity', ['Line could not be resolved']);
    }
    const id = nextId();
    const review: DoubleReview = {
      id,
      node_id: nodeId('PRR_', id),
      pullNumber: pull.number,
      commit_id: commitId,
      event,
      state:
        event === 'APPROVE'
          ? 'APPROVED'
          : event === 'REQUEST_CHANGES'
            ? 'CHANGES_REQUESTED'
            : event === 'COMMENT'
              ? 'COMMENTED'
              : 'PENDING',
      body: typeof body.body === 'string' ? body.body : '',
      user: bot,
      comments: [],
    };
    for (const comment of inline) {
      const commentId = nextId();
      const stored: DoubleReviewComment = {
        id: commentId,
        node_id: nodeId('PRRC_', commentId),
        pullNumber: pull.number,
        reviewId: id,
        path: comment.path,
        line: comment.line ?? null,
        side: comment.side ?? 'RIGHT',
        body: comment.body,
        user: bot,
        commit_id: commitId,
      };
      review.comments.push(stored);
      repo.reviewComments.push(stored);
    }
    repo.reviews.push(review);
    return ok(reviewJson(repo, review));
  });
  route('GET', `${R}/pulls/:n/comments`, (ctx) => {
    const repo = repoOf(ctx.params[0]!, ctx.params[1]!);
    const pull = pullOf(repo, num(ctx.params[2]));
    return paginate(
      repo.reviewComments.filter((comment) => comment.pullNumber === pull.number).map((comment) => reviewCommentJson(repo, comment)),
      ctx,
    );
  });
  route('POST', `${R}/pulls/:n/comments/:id/replies`, ({ params, body }) => {
    const repo = repoOf(params[0]!, params[1]!);
    const pull = pullOf(repo, num(params[2]));
    const parent = repo.reviewComments.find((comment) => comment.id === num(params[3]) && comment.pullNumber === pull.number);
    if (!parent) throw notFound();
    const id = nextId();
    const reply: DoubleReviewComment = {
      id,
      node_id: nodeId('PRRC_', id),
      pullNumber: pull.number,
      reviewId: null,
      path: parent.path,
      line: parent.line,
      side: parent.side,
      body: String(body.body ?? ''),
      user: bot,
      commit_id: parent.commit_id,
      in_reply_to_id: parent.id,
    };
    repo.reviewComments.push(reply);
    return ok(reviewCommentJson(repo, reply), 201);
  });
}
