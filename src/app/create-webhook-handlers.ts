import type { Probot } from 'probot';
import type { Logger } from '../observability/logger.ts';
import type { RunStore } from '../state/run-store.ts';
import type { JobQueue } from '../state/job-queue.ts';
import { parseCommand } from './commands/parse-command.ts';
import type { AosJob } from './jobs/job-types.ts';

/** What the webhook side needs: nothing slow, nothing that calls GitHub or a model. */
export interface WebhookDeps {
  queue: JobQueue<AosJob>;
  runStore: Pick<RunStore, 'recordDelivery'>;
  logger: Logger;
  /** Called with the time from receipt to acknowledgement, for the webhook latency metric. */
  onAcknowledged?: (event: string, ms: number) => void;
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
 * twice, across restarts and processes), enqueue, return. Everything else happens in a worker:
 * comment commands, package-reality checks, and looks at the CI a run waits for.
 */
export function registerWebhookHandlers(app: Probot, deps: WebhookDeps): void {
  const { queue, runStore, logger } = deps;
  const firstTime = async (id: string, event: string) => {
    const fresh = await runStore.recordDelivery(id, event);
    if (!fresh) logger.info({ delivery_id: id, event }, 'duplicate delivery ignored');
    return fresh;
  };
  const acknowledged = (event: string, started: number) => deps.onAcknowledged?.(event, performance.now() - started);

  app.on(['issue_comment.created', 'pull_request_review_comment.created'], async (context) => {
    const started = performance.now();
    const { payload } = context;
    const comment = payload.comment;
    // aos never answers bots, itself included, and only looks at comments that are commands.
    if (isBot(payload.sender) || isBot(comment.user)) return;
    if (parseCommand(comment.body).kind === 'none') return;
    const installationId = payload.installation?.id;
    if (!installationId) return;
    if (!(await firstTime(context.id, context.name))) return;
    const isReview = context.name === 'pull_request_review_comment';
    const issueOrPr = 'issue' in payload ? payload.issue : payload.pull_request;
    await queue.enqueue(
      {
        type: 'command',
        deliveryId: context.id,
        installationId,
        owner: payload.repository.owner.login,
        repo: payload.repository.name,
        number: issueOrPr.number,
        isPullRequest: isReview || ('pull_request' in issueOrPr && Boolean(issueOrPr.pull_request)),
        commentId: comment.id,
        commentKind: isReview ? 'review_comment' : 'issue_comment',
        body: comment.body,
        sender: { login: payload.sender.login, type: payload.sender.type },
      },
      context.id,
    );
    acknowledged(context.name, started);
  });

  /** Enqueues the package-reality check of `pr` at `headSha`, once per delivery; false when there is none to run. */
  const enqueuePackageCheck = async (context: WebhookDelivery, pr: CheckedPullRequest | undefined, headSha: string): Promise<boolean> => {
    const installationId = context.payload.installation?.id;
    if (!installationId || !pr || !(await firstTime(context.id, context.name))) return false;
    const { repository } = context.payload;
    const job: AosJob = {
      type: 'package-reality',
      deliveryId: context.id,
      installationId,
      owner: repository.owner.login,
      repo: repository.name,
      pullNumber: pr.number,
      headSha,
      baseSha: pr.base.sha,
    };
    await queue.enqueue(job, context.id);
    return true;
  };

  app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async (context) => {
    const started = performance.now();
    const pr = context.payload.pull_request;
    if (await enqueuePackageCheck(context, pr, pr.head.sha)) acknowledged(context.name, started);
  });

  // A re-run asked for on a check run or suite checks its first pull request again.
  app.on('check_run.rerequested', async (context) => {
    await enqueuePackageCheck(context, context.payload.check_run.pull_requests[0], context.payload.check_run.head_sha);
  });

  app.on('check_suite.rerequested', async (context) => {
    await enqueuePackageCheck(context, context.payload.check_suite.pull_requests[0], context.payload.check_suite.head_sha);
  });

  /** Wakes the run waiting on `headSha`, if any (the worker finds it): one look at its CI per delivery. */
  const enqueueCiResult = async (context: WebhookDelivery, headSha: string) => {
    const started = performance.now();
    const installationId = context.payload.installation?.id;
    if (!installationId || !(await firstTime(context.id, context.name))) return;
    const { repository } = context.payload;
    const job: AosJob = {
      type: 'ci-result',
      deliveryId: context.id,
      installationId,
      owner: repository.owner.login,
      repo: repository.name,
      headSha,
      source: 'webhook',
    };
    await queue.enqueue(job, context.id);
    acknowledged(context.name, started);
  };

  // The repository's CI finishing on a head commit: a run waiting on it takes a look.
  app.on('check_suite.completed', async (context) => {
    await enqueueCiResult(context, context.payload.check_suite.head_sha);
  });

  app.on('check_run.completed', async (context) => {
    // aos's own check runs completing are not CI news.
    if (context.payload.check_run.name.startsWith('aos / ')) return;
    await enqueueCiResult(context, context.payload.check_run.head_sha);
  });

  app.on('status', async (context) => {
    if (context.payload.state === 'pending') return;
    await enqueueCiResult(context, context.payload.sha);
  });

  app.on(['installation', 'installation_repositories'], async (context) => {
    logger.info(
      { event: context.name, action: context.payload.action, installation_id: context.payload.installation.id },
      'installation changed',
    );
  });
}
