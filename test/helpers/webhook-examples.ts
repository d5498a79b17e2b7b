import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

// Example payloads are deeply nested JSON that scenarios edit field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = Record<string, any>;

/** A deep copy of the first `@octokit/webhooks-examples` payload of an event and action (events such as `status` have none). */
export function webhookExample(event: string, action?: string): Payload {
  const example = examples
    .find((entry) => entry.name === event)
    ?.examples.find((payload) => action === undefined || payload.action === action);
  if (!example) throw new Error(`no @octokit/webhooks-examples payload for ${event}.${action ?? ''}`);
  return structuredClone(example) as Payload;
}

/** An issue_comment.created payload adapted only where a scenario needs it. */
export function issueCommentPayload(options: {
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  login: string;
  userType?: 'User' | 'Bot';
  commentId?: number;
  installationId?: number;
  onPullRequest?: boolean;
}) {
  const payload = webhookExample('issue_comment', 'created');
  payload.repository.name = options.repo;
  payload.repository.full_name = `${options.owner}/${options.repo}`;
  payload.repository.owner.login = options.owner;
  payload.issue.number = options.issueNumber;
  if (options.onPullRequest)
    payload.issue.pull_request = { url: `https://api.github.com/repos/${options.owner}/${options.repo}/pulls/${options.issueNumber}` };
  else delete payload.issue.pull_request;
  payload.comment.id = options.commentId ?? 1001;
  payload.comment.body = options.body;
  payload.comment.user.login = options.login;
  payload.comment.user.type = options.userType ?? 'User';
  payload.sender.login = options.login;
  payload.sender.type = options.userType ?? 'User';
  payload.installation = { id: options.installationId ?? 42, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI=' };
  return payload;
}
