/** A comment command, as the webhook handler saw it: everything the worker needs, nothing secret. */
export interface CommandJob {
  type: 'command';
  deliveryId: string;
  installationId: number;
  owner: string;
  repo: string;
  /** Issue or pull request number. */
  number: number;
  isPullRequest: boolean;
  /** The issue comment or pull request review comment that holds the command. */
  commentId: number;
  commentKind: 'issue_comment' | 'review_comment';
  body: string;
  sender: { login: string; type: string };
}

/** A package-reality check of one pull request head. */
export interface PackageRealityJob {
  type: 'package-reality';
  deliveryId: string;
  installationId: number;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  baseSha: string;
}

/**
 * A look at the repository's CI on a head commit: woken by a `check_suite`, `check_run` or
 * `status` webhook (any run whose head it is), or a poll of one run (`runId`).
 */
export interface CiResultJob {
  type: 'ci-result';
  deliveryId: string;
  installationId: number;
  owner: string;
  repo: string;
  headSha: string;
  runId?: string;
  /** `poll` jobs schedule the next poll while CI is still running; webhooks do not. */
  source: 'webhook' | 'poll';
}

/** Work the webhook handler hands to a worker. */
export type AosJob = CommandJob | PackageRealityJob | CiResultJob;
