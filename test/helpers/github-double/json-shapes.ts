import type { DoubleContext } from './context.ts';
import { gitHash } from './git-objects.ts';
import { API, now, nodeId } from './github-values.ts';
import { headSha } from './head-sha.ts';
import type {
  DoubleCheckRun,
  DoubleComment,
  DoubleIssue,
  DoublePull,
  DoubleRepo,
  DoubleReview,
  DoubleReviewComment,
  DoubleUser,
} from './state.ts';

/** The JSON GitHub answers with for each kind of object, with URLs under the double's own. */
export function createJsonShapes(double: DoubleContext) {
  const { appId, slug, userFor } = double;
  const repoUrl = (repo: DoubleRepo) => `${double.baseUrl}${API}/repos/${repo.fullName}`;
  const htmlUrl = (repo: DoubleRepo) => `${double.baseUrl}/${repo.fullName}`;
  const userJson = (user: DoubleUser) => ({
    login: user.login,
    id: user.id,
    node_id: user.node_id,
    type: user.type,
    site_admin: false,
    html_url: user.html_url,
    avatar_url: '',
    url: `${double.baseUrl}${API}/users/${user.login}`,
  });
  const repoJson = (repo: DoubleRepo) => ({
    id: repo.id,
    node_id: repo.node_id,
    name: repo.name,
    full_name: repo.fullName,
    private: false,
    owner: userJson(userFor(repo.owner)),
    html_url: htmlUrl(repo),
    url: repoUrl(repo),
    default_branch: repo.defaultBranch,
    allow_merge_commit: true,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  });
  const labelJson = (name: string) => ({
    id: parseInt(gitHash('label', Buffer.from(name)).slice(0, 8), 16),
    node_id: nodeId('LA_', parseInt(gitHash('label', Buffer.from(name)).slice(0, 8), 16)),
    name,
    color: 'ededed',
    default: false,
    description: null,
  });
  const issueJson = (repo: DoubleRepo, issue: DoubleIssue) => ({
    id: issue.id,
    node_id: issue.node_id,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    user: userJson(issue.user),
    state: issue.state,
    labels: issue.labels.map(labelJson),
    comments: repo.comments.filter((comment) => comment.issueNumber === issue.number).length,
    html_url: `${htmlUrl(repo)}/${issue.isPullRequest ? 'pull' : 'issues'}/${issue.number}`,
    url: `${repoUrl(repo)}/issues/${issue.number}`,
    ...(issue.isPullRequest
      ? { pull_request: { url: `${repoUrl(repo)}/pulls/${issue.number}`, html_url: `${htmlUrl(repo)}/pull/${issue.number}` } }
      : {}),
  });
  const commentJson = (repo: DoubleRepo, comment: DoubleComment) => ({
    id: comment.id,
    node_id: comment.node_id,
    body: comment.body,
    user: userJson(comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'COLLABORATOR',
    html_url: `${htmlUrl(repo)}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoUrl(repo)}/issues/${comment.issueNumber}`,
    url: `${repoUrl(repo)}/issues/comments/${comment.id}`,
  });
  const pullJson = (repo: DoubleRepo, pull: DoublePull) => {
    const issue = repo.issues.find((candidate) => candidate.number === pull.number)!;
    return {
      ...issueJson(repo, issue),
      id: pull.id,
      node_id: pull.node_id,
      html_url: `${htmlUrl(repo)}/pull/${pull.number}`,
      url: `${repoUrl(repo)}/pulls/${pull.number}`,
      draft: pull.draft,
      merged: false,
      maintainer_can_modify: pull.maintainer_can_modify,
      requested_reviewers: pull.requestedReviewers.map((login) => userJson(userFor(login))),
      head: {
        ref: pull.head.ref,
        sha: headSha(repo, pull),
        label: `${repo.owner}:${pull.head.ref}`,
        repo: repoJson(repo),
        user: userJson(userFor(repo.owner)),
      },
      base: {
        ref: pull.base.ref,
        sha: pull.base.sha,
        label: `${repo.owner}:${pull.base.ref}`,
        repo: repoJson(repo),
        user: userJson(userFor(repo.owner)),
      },
    };
  };
  const reviewCommentJson = (repo: DoubleRepo, comment: DoubleReviewComment) => ({
    id: comment.id,
    node_id: comment.node_id,
    pull_request_review_id: comment.reviewId,
    path: comment.path,
    line: comment.line,
    original_line: comment.line,
    side: comment.side,
    body: comment.body,
    user: userJson(comment.user),
    commit_id: comment.commit_id,
    original_commit_id: comment.commit_id,
    ...(comment.in_reply_to_id === undefined ? {} : { in_reply_to_id: comment.in_reply_to_id }),
    html_url: `${htmlUrl(repo)}/pull/${comment.pullNumber}#discussion_r${comment.id}`,
    url: `${repoUrl(repo)}/pulls/comments/${comment.id}`,
  });
  const reviewJson = (repo: DoubleRepo, review: DoubleReview) => ({
    id: review.id,
    node_id: review.node_id,
    user: userJson(review.user),
    body: review.body,
    state: review.state,
    commit_id: review.commit_id,
    submitted_at: now(),
    html_url: `${htmlUrl(repo)}/pull/${review.pullNumber}#pullrequestreview-${review.id}`,
    pull_request_url: `${repoUrl(repo)}/pulls/${review.pullNumber}`,
  });
  const checkRunJson = (repo: DoubleRepo, run: DoubleCheckRun) => ({
    id: run.id,
    node_id: run.node_id,
    name: run.name,
    head_sha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    external_id: run.external_id,
    details_url: run.details_url,
    started_at: run.started_at,
    completed_at: run.completed_at,
    html_url: `${htmlUrl(repo)}/runs/${run.id}`,
    url: `${repoUrl(repo)}/check-runs/${run.id}`,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotations.length,
      annotations_url: `${repoUrl(repo)}/check-runs/${run.id}/annotations`,
    },
    app: run.app ? { ...run.app, name: run.app.slug } : { id: appId, slug, name: slug },
    pull_requests: repo.pulls
      .filter((pull) => headSha(repo, pull) === run.head_sha)
      .map((pull) => ({ number: pull.number, head: { ref: pull.head.ref, sha: run.head_sha }, base: pull.base })),
  });
  const commitJson = (repo: DoubleRepo, sha: string) => {
    const commit = repo.git.commits.get(sha)!;
    return {
      sha,
      node_id: nodeId('C_', parseInt(sha.slice(0, 8), 16)),
      url: `${repoUrl(repo)}/git/commits/${sha}`,
      html_url: `${htmlUrl(repo)}/commit/${sha}`,
      message: commit.message,
      tree: { sha: commit.tree, url: `${repoUrl(repo)}/git/trees/${commit.tree}` },
      parents: commit.parents.map((parent) => ({ sha: parent, url: `${repoUrl(repo)}/git/commits/${parent}` })),
      author: commit.author,
      committer: { name: 'GitHub', email: 'noreply@github.com', date: commit.author.date },
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
    };
  };
  const refJson = (repo: DoubleRepo, branch: string) => ({
    ref: `refs/heads/${branch}`,
    node_id: nodeId('REF_', branch.length),
    url: `${repoUrl(repo)}/git/refs/heads/${branch}`,
    object: { sha: repo.branches[branch], type: 'commit', url: `${repoUrl(repo)}/git/commits/${repo.branches[branch]}` },
  });
  const contentJson = (repo: DoubleRepo, path: string, sha: string) => {
    const content = repo.git.blobs.get(sha)!;
    return {
      type: 'file',
      encoding: 'base64',
      size: content.length,
      name: path.split('/').pop(),
      path,
      sha,
      // GitHub wraps base64 at 60 characters.
      content: (content.toString('base64').match(/.{1,60}/g) ?? []).join('\n'),
      url: `${repoUrl(repo)}/contents/${path}`,
      html_url: `${htmlUrl(repo)}/blob/${repo.defaultBranch}/${path}`,
      git_url: `${repoUrl(repo)}/git/blobs/${sha}`,
      download_url: null,
    };
  };
  return {
    repoUrl,
    htmlUrl,
    userJson,
    repoJson,
    labelJson,
    issueJson,
    commentJson,
    pullJson,
    reviewCommentJson,
    reviewJson,
    checkRunJson,
    commitJson,
    refJson,
    contentJson,
  };
}

/** The shapes of `createJsonShapes`. */
export type JsonShapes = ReturnType<typeof createJsonShapes>;
