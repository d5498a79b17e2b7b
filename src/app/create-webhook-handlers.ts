import type { Probot } from 'probot';
import { withCorrelation, type Logger } from '../observability/logger.ts';
import type { WebhookTracing } from '../observability/tracing/webhook-tracing.ts';
import type { RunStore } from '../state/run-store.ts';
import type { JobQueue } from '../state/job-queue.ts';
import { parseCommand } from './commands/parse-command.ts';
import type { AosJob } from './jobs/job-types.ts';
import { traceDelivery, type TracedDelivery } from './trace-delivery.ts';

/** What the webhook side needs: nothing slow, nothing that calls GitHub or a model. */
export interface WebhookDeps {
  queue: JobQueue<AosJob>;
  runStore: Pick<RunStore, 'recordDelivery'>;
  logger: Logger;
  /** Called with the time from receipt to acknowledgement, for the webhook latency metric. */
  onAcknowledged?: (event: string, ms: number) => void;
  /** `X-Request-Id` of the HTTP request that brought a delivery (see assignRequestIds); none outside a server. */
  requestIdFor?: (deliveryId: string) => string | undefined;
  /** With tracing on: each delivery is a span, and the jobs it enqueues carry its trace context. */
  tracing?: WebhookTracing;
}

/** The part of a webhook's context that a package-reality job is made from. */
interface WebhookDelivery {
  id: string;
  name: string;
  payload: { installation?: { id: number } | undefined; repository: { name: string; owner: { login: string } } };
}

/** The pull request a package-reality check runs on. */
interface CheckedPullRequest {
  number: number;
  base: { sha: string };
}

const isBot = (user: { login?: string; type?: string } | null | undefined) =>
  !user || user.type === 'Bot' || (user.login ?? '').endsWith('[bot]');

/**
 * The webhook handlers: validate, record the delivery id (a redelivered webhook does nothing
 * twice, across restarts and processes), enqueue, return. Everything else happens in a worker.
 */
export function registerWebhookHandlers(app: Probot, deps: WebhookDeps): void {
  const { queue, runStore, tracing } = deps;
  // Every handler runs in its delivery's span; the jobs it enqueues carry that span's context (tracing on only).
  const on: Probot['on'] = (event, handler) =>
    app.on(event, traceDelivery(tracing, handler as (context: TracedDelivery) => Promise<void>) as typeof handler);
  const traceCarrier = () => tracing?.carrier() ?? {};
  /** What ties a delivery's lines, and its job's, together: its id (the correlation id) and the request's. */
  const traceOf = (id: string, event: string) => {
    const requestId = deps.requestIdFor?.(id);
    const logger = withCorrelation(deps.logger, id, { delivery_id: id, event, ...(requestId ? { request_id: requestId } : {}) });
    return { logger, job: { correlationId: id, ...(requestId ? { requestId } : {}) } };
  };
  const firstTime = async (id: string, event: string, logger: Logger) => {
    const fresh = await runStore.recordDelivery(id, event);
    if (!fresh) logger.info('duplicate delivery ignored');
    return fresh;
  };
  /** Puts the job on the queue under the delivery id and says so on the delivery's log. */
  const enqueue = async (job: AosJob, logger: Logger) => {
    await queue.enqueue(job, job.deliveryId);
    logger.info({ job_type: job.type, installation_id: job.installationId, repo: `${job.owner}/${job.repo}` }, 'webhook queued');
  };
  const acknowledged = (event: string, started: number) => deps.onAcknowledged?.(event, performance.now() - started);

  on(['issue_comment.created', 'pull_request_review_comment.created'], async (context) => {
    const started = performance.now();
    const { payload } = context;
    const comment = payload.comment;
    // aos never answers bots, itself included, and only looks at comments that are commands.
    if (isBot(payload.sender) || isBot(comment.user)) return;
    if (parseCommand(comment.body).kind === 'none') return;
    const installationId = payload.installation?.id;
    if (!installationId) return;
    const trace = traceOf(context.id, context.name);
    if (!(await firstTime(context.id, context.name, trace.logger))) return;
    const isReview = context.name === 'pull_request_review_comment';
    const issueOrPr = 'issue' in payload ? payload.issue : payload.pull_request;
    await enqueue(
      {
        type: 'command',
        deliveryId: context.id,
        ...trace.job,
        installationId,
        owner: payload.repository.owner.login,
        repo: payload.repository.name,
        number: issueOrPr.number,
        isPullRequest: isReview || ('pull_request' in issueOrPr && Boolean(issueOrPr.pull_request)),
        commentId: comment.id,
        commentKind: isReview ? 'review_comment' : 'issue_comment',
        body: comment.body,
        sender: { login: payload.sender.login, type: payload.sender.type },
        ...traceCarrier(),
      },
      trace.logger,
    );
    acknowledged(context.name, started);
  });

  /** Enqueues the package-reality check of `pr` at `headSha`, once per delivery; false when there is none to run. */
  const enqueuePackageCheck = async (context: WebhookDelivery, pr: CheckedPullRequest | undefined, headSha: string): Promise<boolean> => {
    const installationId = context.payload.installation?.id;
    if (!installationId || !pr) return false;
    const trace = traceOf(context.id, context.name);
    if (!(await firstTime(context.id, context.name, trace.logger))) return false;
    const { repository } = context.payload;
    const job: AosJob = {
      type: 'package-reality',
      deliveryId: context.id,
      ...trace.job,
      installationId,
      owner: repository.owner.login,
      repo: repository.name,
      pullNumber: pr.number,
      headSha,
      baseSha: pr.base.sha,
      ...traceCarrier(),
    };
    await enqueue(job, trace.logger);
    return true;
  };

  on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async (context) => {
    const started = performance.now();
    const pr = context.payload.pull_request;
    if (await enqueuePackageCheck(context, pr, pr.head.sha)) acknowledged(context.name, started);
  });

  // A re-run asked for on a check run or suite checks its first pull request again.
  on('check_run.rerequested', async (context) => {
    await enqueuePackageCheck(context, context.payload.check_run.pull_requests[0], context.payload.check_run.head_sha);
  });

  on('check_suite.rerequested', async (context) => {
    await enqueuePackageCheck(context, context.payload.check_suite.pull_requests[0], context.payload.check_suite.head_sha);
  });

  on(['installation', 'installation_repositories'], async (context) => {
    traceOf(context.id, context.name).logger.info(
      { action: context.payload.action, installation_id: context.payload.installation.id },
      'installation changed',
    );
  });
}
