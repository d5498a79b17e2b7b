import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AosConfig, AosEnv } from '../config/index.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { createDailySpendReader } from '../state/budget/read-daily-spend.ts';
import { gatherSystemStatus } from '../state/status/gather-system-status.ts';
import type { JobQueue } from '../store/job-queue.ts';
import type { Backends } from '../store/open-backends.ts';
import type { AgentDeps } from './compose-agent-deps.ts';
import { createStatusSources } from './create-status-sources.ts';
import { createMetricsHandler } from '../app/http/create-metrics-handler.ts';
import { createRunPagesHandler } from '../app/http/run-pages/create-run-pages-handler.ts';
import { githubWebUrl } from '../app/http/run-pages/github-web-url.ts';
import { readAllCaps } from '../app/http/run-pages/read-all-caps.ts';
import { runPageUrl } from '../app/http/run-pages/run-page-url.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

/**
 * The extra HTTP endpoints: `/metrics` always; the run pages only when `AOS_PUBLIC_URL` and
 * `AOS_RUN_LINK_SECRET` are set, since every page is reached through a signed link aos posts.
 */
export function createHttpHandlers(options: {
  env: AosEnv;
  config: AosConfig;
  backends: Pick<Backends, 'db' | 'redis'>;
  /** The queue this server enqueues to, for the operator status on the runs index. */
  queue: Pick<JobQueue<unknown>, 'depth' | 'workers'>;
  agent: AgentDeps;
  metrics: Metrics;
  logger: Logger;
}): { handlers: Handler[]; runPageUrl?: (runId: string) => string } {
  const { env, agent } = options;
  const handlers: Handler[] = [createMetricsHandler(options.metrics.registry)];
  if (!env.AOS_PUBLIC_URL || !env.AOS_RUN_LINK_SECRET) {
    options.logger.info('run pages are off: set AOS_PUBLIC_URL and AOS_RUN_LINK_SECRET to serve them');
    return { handlers };
  }
  const secret = env.AOS_RUN_LINK_SECRET;
  const publicUrl = env.AOS_PUBLIC_URL;
  // The same gathering as `aos status`, on this server's own connections and queue.
  const { redis } = options.backends;
  const statusSources = createStatusSources({
    config: options.config,
    database: options.backends.db,
    redis: redis && env.REDIS_URL ? { client: redis, location: new URL(env.REDIS_URL).host } : null,
    queue: { kind: env.REDIS_URL ? 'bullmq' : 'in-process', read: options.queue },
    logger: options.logger,
  });
  handlers.push(
    createRunPagesHandler({
      secret,
      runStore: agent.runStore,
      ledger: agent.ledger,
      stateRepository: agent.stateRepository,
      remainingBudget: readAllCaps(agent.guardian, [...agent.providers.keys()]),
      dailySpend: createDailySpendReader(options.backends.db.knex),
      readStatus: () => gatherSystemStatus(statusSources),
      githubWebUrl: githubWebUrl({ gheHost: env.GHE_HOST, gheProtocol: env.GHE_PROTOCOL }),
      logger: options.logger,
    }),
  );
  return { handlers, runPageUrl: (runId) => runPageUrl(publicUrl, secret, runId) };
}
