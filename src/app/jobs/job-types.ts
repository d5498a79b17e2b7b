/** A comment command, as the webhook handler saw it: everything the worker needs, nothing secret. */
export interface CommandJob {
  type: 'command';
  deliveryId: string;
  /**
   * The id every log line of this job carries as `correlation_id` until it has a run: the delivery id
   * for a webhook's job, the run id for a resumed one. Absent in jobs queued before it existed.
   */
  correlationId?: string;
  /** `X-Request-Id` of the HTTP request that delivered the webhook, when there was one. */
  requestId?: string;
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
  /** W3C trace context of the delivery's span, so the worker's spans join the delivery's trace (tracing on only). */
  traceparent?: string;
  tracestate?: string;
}

/** A package-reality check of one pull request head. */
export interface PackageRealityJob {
  type: 'package-reality';
  deliveryId: string;
  /**
   * The id every log line of this job carries as `correlation_id` until it has a run: the delivery id
   * for a webhook's job, the run id for a resumed one. Absent in jobs queued before it existed.
   */
  correlationId?: string;
  /** `X-Request-Id` of the HTTP request that delivered the webhook, when there was one. */
  requestId?: string;
  installationId: number;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  baseSha: string;
  /** W3C trace context of the delivery's span, so the worker's spans join the delivery's trace (tracing on only). */
  traceparent?: string;
  tracestate?: string;
}

/** Work the webhook handler hands to a worker. */
export type AosJob = CommandJob | PackageRealityJob;
