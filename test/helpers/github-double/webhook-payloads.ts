import { createRequire } from 'node:module';
import type { DoubleContext } from './context.ts';
import { nodeId } from './github-values.ts';
import { headSha } from './head-sha.ts';
import type { JsonShapes } from './json-shapes.ts';
import type { RepoModel } from './repo-model.ts';
import type { DoubleComment, DoubleRepo, DoubleUser } from './state.ts';

/** The fields of a webhook payload the double fills in; the rest stays as in `@octokit/webhooks-examples`. */
export interface WebhookPayload {
  action: string;
  number?: number;
  repository: { id: number; node_id: string; name: string; full_name: string; default_branch: string; owner: { login: string } };
  sender: { login: string; id: number; node_id: string; type: string };
  installation?: { id: number; node_id: string };
  issue?: {
    number: number;
    id: number;
    node_id: string;
    title: string;
    body: string | null;
    user: { login: string; id: number; type: string };
    pull_request?: unknown;
  };
  comment?: { id: number; node_id: string; body: string; user: { login: string; id: number; node_id: string; type: string } };
  pull_request?: {
    number: number;
    id: number;
    node_id: string;
    title: string;
    body: string | null;
    draft: boolean;
    state: string;
    head: { ref: string; sha: string };
    base: { ref: string; sha: string };
  };
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{
  name: string;
  examples: Array<{ action?: string }>;
}>;

/** A deep copy of the first `@octokit/webhooks-examples` payload of an event and action. */
function webhookExample(event: string, action: string): WebhookPayload {
  const found = examples.find((entry) => entry.name === event)?.examples.find((payload) => payload.action === action);
  if (!found) throw new Error(`github-double: no @octokit/webhooks-examples payload for ${event}.${action}`);
  return structuredClone(found) as unknown as WebhookPayload;
}

/**
 * The webhooks GitHub would send for what happens on the double: the `@octokit/webhooks-examples`
 * payload with only repository, sender, installation and the subject (issue and comment, or pull
 * request) replaced.
 */
export function createWebhookPayloads({ state }: DoubleContext, { issueOf, pullOf }: RepoModel, { repoUrl, htmlUrl }: JsonShapes) {
  const adaptPayload = (payload: WebhookPayload, repo: DoubleRepo, sender: DoubleUser, installationId: number) => {
    Object.assign(payload.repository, {
      id: repo.id,
      node_id: repo.node_id,
      name: repo.name,
      full_name: repo.fullName,
      default_branch: repo.defaultBranch,
    });
    payload.repository.owner.login = repo.owner;
    Object.assign(payload.sender, { login: sender.login, id: sender.id, node_id: sender.node_id, type: sender.type });
    payload.installation = { id: installationId, node_id: nodeId('Installation', installationId) };
    return payload;
  };
  const issueCommentCreated = (fullName: string, comment: DoubleComment, installationId: number) => {
    const repo = state.repos[fullName]!;
    const issue = issueOf(repo, comment.issueNumber);
    const payload = adaptPayload(webhookExample('issue_comment', 'created'), repo, comment.user, installationId);
    Object.assign(payload.issue!, { number: issue.number, id: issue.id, node_id: issue.node_id, title: issue.title, body: issue.body });
    Object.assign(payload.issue!.user, { login: issue.user.login, id: issue.user.id, type: issue.user.type });
    if (issue.isPullRequest)
      payload.issue!.pull_request = { url: `${repoUrl(repo)}/pulls/${issue.number}`, html_url: `${htmlUrl(repo)}/pull/${issue.number}` };
    else delete payload.issue!.pull_request;
    Object.assign(payload.comment!, { id: comment.id, node_id: comment.node_id, body: comment.body });
    Object.assign(payload.comment!.user, {
      login: comment.user.login,
      id: comment.user.id,
      node_id: comment.user.node_id,
      type: comment.user.type,
    });
    return payload;
  };
  const pullRequestOpened = (fullName: string, pullNumber: number, installationId: number) => {
    const repo = state.repos[fullName]!;
    const pull = pullOf(repo, pullNumber);
    const issue = issueOf(repo, pullNumber);
    const payload = adaptPayload(webhookExample('pull_request', 'opened'), repo, issue.user, installationId);
    payload.number = pull.number;
    Object.assign(payload.pull_request!, {
      number: pull.number,
      id: pull.id,
      node_id: pull.node_id,
      title: issue.title,
      body: issue.body,
      draft: pull.draft,
      state: pull.state,
    });
    Object.assign(payload.pull_request!.head, { ref: pull.head.ref, sha: headSha(repo, pull) });
    Object.assign(payload.pull_request!.base, { ref: pull.base.ref, sha: pull.base.sha });
    return payload;
  };

  return { issueCommentCreated, pullRequestOpened };
}
