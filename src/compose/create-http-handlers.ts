import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AosEnv } from '../config/index.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { createDailySpendReader } from '../state/budget/read-daily-spend.ts';
import type { Backends } from '../store/open-backends.ts';
import type { AgentDeps } from './compose-agent-deps.ts';
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
  backends: Pick<Backends, 'db'>;
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
  handlers.push(
    createRunPagesHandler({
      secret,
      runStore: agent.runStore,
      ledger: agent.ledger,
      stateRepository: agent.stateRepository,
      remainingBudget: readAllCaps(agent.guardian, [...agent.providers.keys()]),
      dailySpend: createDailySpendReader(options.backends.db.knex),
      githubWebUrl: githubWebUrl({ gheHost: env.GHE_HOST, gheProtocol: env.GHE_PROTOCOL }),
      logger: options.logger,
    }),
  );
  return { handlers, runPageUrl: (runId) => runPageUrl(publicUrl, secret, runId) };
}
