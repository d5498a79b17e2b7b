import { Probot, ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { registerWebhookHandlers } from '#src/app/create-webhook-handlers.ts';
import type { AosJob } from '#src/app/jobs/job-types.ts';
import { createMemoryQueue } from '#src/store/create-memory-queue.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { webhookExample } from '../../helpers/webhook-examples.ts';

/** The handlers on a real Probot and in-process queue, with deliveries remembered in memory. */
async function handlers(requestIdFor?: (deliveryId: string) => string | undefined) {
  const { logger, lines } = captureLogger();
  const queue = createMemoryQueue<AosJob>({ logger });
  const jobs: AosJob[] = [];
  queue.process(async (job) => void jobs.push(job));
  const seen = new Set<string>();
  const runStore = { recordDelivery: async (id: string) => !seen.has(id) && Boolean(seen.add(id)) };
  const acknowledged: string[] = [];
  const probot = new Probot({
    githubToken: 'test-token',
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    log: logger as never,
  });
  await probot.load((app: Probot) =>
    registerWebhookHandlers(app, {
      queue,
      runStore,
      logger,
      onAcknowledged: (event) => void acknowledged.push(event),
      ...(requestIdFor ? { requestIdFor } : {}),
    }),
  );
  const receive = async (id: string, name: string, payload: Record<string, unknown>) => {
    await probot.receive({ id, name, payload } as never);
    await queue.idle();
  };
  return { receive, jobs, acknowledged, lines };
}

describe('registerWebhookHandlers: the package-reality check', () => {
  it('enqueues a pull request once per delivery, at its head, and acknowledges it', async () => {
    const { receive, jobs, acknowledged } = await handlers();
    const payload = webhookExample('pull_request', 'opened');
    payload.installation = { id: 7, node_id: 'x' };
    await receive('d-1', 'pull_request', payload);
    await receive('d-1', 'pull_request', payload);
    expect(jobs).toEqual([
      {
        type: 'package-reality',
        deliveryId: 'd-1',
        correlationId: 'd-1',
        installationId: 7,
        owner: payload.repository.owner.login,
        repo: payload.repository.name,
        pullNumber: payload.pull_request.number,
        headSha: payload.pull_request.head.sha,
        baseSha: payload.pull_request.base.sha,
      },
    ]);
    expect(acknowledged).toEqual(['pull_request']);
  });

  it('checks the first pull request of a re-requested check suite or check run again, at the checked head', async () => {
    const { receive, jobs, acknowledged } = await handlers();
    const suite = webhookExample('check_suite', 'rerequested');
    await receive('d-2', 'check_suite', suite);
    const run = webhookExample('check_run', 'rerequested');
    run.check_run.pull_requests = [
      { ...suite.check_suite.pull_requests[0], number: 9, base: { ...suite.check_suite.pull_requests[0].base, sha: 'b'.repeat(40) } },
    ];
    await receive('d-3', 'check_run', run);
    expect(jobs).toEqual([
      {
        type: 'package-reality',
        deliveryId: 'd-2',
        correlationId: 'd-2',
        installationId: suite.installation.id,
        owner: suite.repository.owner.login,
        repo: suite.repository.name,
        pullNumber: 2,
        headSha: suite.check_suite.head_sha,
        baseSha: suite.check_suite.pull_requests[0].base.sha,
      },
      {
        type: 'package-reality',
        deliveryId: 'd-3',
        correlationId: 'd-3',
        installationId: run.installation.id,
        owner: run.repository.owner.login,
        repo: run.repository.name,
        pullNumber: 9,
        headSha: run.check_run.head_sha,
        baseSha: 'b'.repeat(40),
      },
    ]);
    expect(acknowledged).toEqual([]);
  });

  it('does nothing for a re-requested check without a pull request or an installation', async () => {
    const { receive, jobs } = await handlers();
    await receive('d-4', 'check_run', webhookExample('check_run', 'rerequested'));
    const suite = webhookExample('check_suite', 'rerequested');
    delete suite.installation;
    await receive('d-5', 'check_suite', suite);
    expect(jobs).toEqual([]);
  });
});

describe('registerWebhookHandlers: correlation', () => {
  it("gives the job the delivery id as its correlation id and the delivering request's id, and logs both", async () => {
    const { receive, jobs, lines } = await handlers((deliveryId) => (deliveryId === 'd-9' ? 'req-from-proxy' : undefined));
    const payload = webhookExample('pull_request', 'opened');
    payload.installation = { id: 7, node_id: 'x' };
    await receive('d-9', 'pull_request', payload);
    await receive('d-10', 'pull_request', { ...payload, number: 2 });
    expect(jobs.map((job) => [job.deliveryId, job.correlationId, job.requestId])).toEqual([
      ['d-9', 'd-9', 'req-from-proxy'],
      ['d-10', 'd-10', undefined],
    ]);
    const queued = lines.filter((line) => line.msg === 'webhook queued');
    expect(queued).toEqual([
      expect.objectContaining({
        correlation_id: 'd-9',
        delivery_id: 'd-9',
        request_id: 'req-from-proxy',
        event: 'pull_request',
        installation_id: 7,
      }),
      expect.objectContaining({ correlation_id: 'd-10', delivery_id: 'd-10', event: 'pull_request' }),
    ]);
    expect(queued[1]).not.toHaveProperty('request_id');
  });
});
