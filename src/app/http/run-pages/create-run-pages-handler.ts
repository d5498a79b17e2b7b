import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../../observability/logger.ts';
import type { DailySpend } from '../../../state/budget/read-daily-spend.ts';
import type { RemainingBudget } from '../../../state/budget/budget-guardian.ts';
import type { RunStore } from '../../../state/run-store.ts';
import type { SystemStatus } from '../../../state/status/system-status.ts';
import { loadRunView, type RunViewSources } from './load-run-view.ts';
import { renderBudgetPage } from './render-budget-page.ts';
import { renderRefusalPage } from './render-refusal-page.ts';
import { renderRunList } from './render-run-list.ts';
import { renderRunPage } from './render-run-page.ts';
import { RUN_PATHS } from './run-paths.ts';
import { sendResponse } from '../send-response.ts';
import { signRunLink, verifyRunLink } from './sign-run-link.ts';

/** What the run pages are served from. */
export interface RunPagesDeps extends Omit<RunViewSources, 'runStore' | 'githubWebUrl'> {
  /** HMAC key of the signed links (`AOS_RUN_LINK_SECRET`). */
  secret: string;
  runStore: Pick<RunStore, 'getRun' | 'listRuns'>;
  /** Every cap and where it stands, e.g. `readAllCaps(guardian, providers)`. */
  remainingBudget: () => Promise<RemainingBudget[]>;
  /** Spend per UTC day in `[from, to)`, e.g. `createDailySpendReader(knex)`. */
  dailySpend: (from: Date, to: Date) => Promise<DailySpend[]>;
  /** The operator status shown on the runs index, as `aos status` gathers it (see state/status/); none when absent. */
  readStatus?: () => Promise<SystemStatus>;
  /** Web root of issue and pull request links; default `https://github.com` (see `githubWebUrl`). */
  githubWebUrl?: string;
  logger?: Logger;
  now?: () => Date;
}

type Route = { page: 'list' } | { page: 'budget' } | { page: 'run' | 'api'; runId: string };

const RUN_ID = '([A-Za-z0-9][A-Za-z0-9._-]{0,127})';
const RUN_PAGE = new RegExp(`^/aos/runs/${RUN_ID}$`);
const RUN_API = new RegExp(`^/aos/api/runs/${RUN_ID}$`);

function routeOf(path: string): Route | 'other-aos' | null {
  if (path === RUN_PATHS.list) return { page: 'list' };
  if (path === RUN_PATHS.budget) return { page: 'budget' };
  const page = RUN_PAGE.exec(path)?.[1];
  if (page) return { page: 'run', runId: page };
  const api = RUN_API.exec(path)?.[1];
  if (api) return { page: 'api', runId: api };
  // Anything else under the pages' prefixes is answered here too, so it never reaches Probot.
  return path.startsWith('/aos/runs/') || path.startsWith('/aos/api/runs/') ? 'other-aos' : null;
}

/**
 * The run pages as a Probot HTTP handler: `GET /aos/runs` (list, with the operator status), `/aos/runs/:id` (HTML),
 * `/aos/api/runs/:id` (JSON) and `/aos/budget`. Every request needs a valid signed link
 * (403 otherwise); links on a page are signed to expire with the link it was opened through.
 * Answers false for other paths, so the next handler can take them.
 */
export function createRunPagesHandler(deps: RunPagesDeps) {
  const now = deps.now ?? (() => new Date());
  const sources: RunViewSources = {
    runStore: deps.runStore,
    ledger: deps.ledger,
    stateRepository: deps.stateRepository,
    githubWebUrl: deps.githubWebUrl ?? 'https://github.com',
  };

  const refuse = (res: ServerResponse, api: boolean, status: number, title: string, message: string) =>
    api
      ? sendResponse(res, status, 'json', JSON.stringify({ error: message }))
      : sendResponse(res, status, 'html', renderRefusalPage(title, message));

  async function serve(route: Route, res: ServerResponse, expiresAt: Date): Promise<void> {
    const sign = (path: string) => signRunLink({ secret: deps.secret, path, expiresAt });
    if (route.page === 'list') {
      const [runs, status] = await Promise.all([deps.runStore.listRuns({ limit: 100 }), deps.readStatus?.()]);
      return sendResponse(
        res,
        200,
        'html',
        renderRunList(runs, { hrefOf: (id) => sign(RUN_PATHS.page(id)), budgetHref: sign(RUN_PATHS.budget), status }),
      );
    }
    if (route.page === 'budget') {
      const at = now();
      const monthStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
      const nextMonth = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
      const [caps, days] = await Promise.all([deps.remainingBudget(), deps.dailySpend(monthStart, nextMonth)]);
      return sendResponse(res, 200, 'html', renderBudgetPage({ caps, days, now: at }));
    }
    const view = await loadRunView(sources, route.runId);
    if (!view) return refuse(res, route.page === 'api', 404, 'Run not found', 'There is no run with this id.');
    if (route.page === 'api') return sendResponse(res, 200, 'json', JSON.stringify(view));
    return sendResponse(res, 200, 'html', renderRunPage(view, { jsonHref: sign(RUN_PATHS.api(route.runId)) }));
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = req.url ?? '';
    const route = routeOf(url.split('?')[0] ?? '');
    if (route === null) return false;
    const api = url.startsWith('/aos/api/');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      refuse(res, api, 405, 'Method not allowed', 'Run pages can only be read.');
      return true;
    }
    if (route === 'other-aos') {
      refuse(res, api, 404, 'Not found', 'There is no page here.');
      return true;
    }
    const verdict = verifyRunLink({ secret: deps.secret, url, now: now() });
    if (!verdict.ok) {
      const why =
        verdict.reason === 'expired'
          ? 'This link has expired. Ask aos for a new one: /aos status on the issue.'
          : 'This page is only reachable through a signed link that aos posts on GitHub.';
      refuse(res, api, 403, 'Forbidden', why);
      return true;
    }
    try {
      await serve(route, res, verdict.expiresAt);
    } catch (error) {
      deps.logger?.error({ err: error instanceof Error ? error.message : String(error), path: url.split('?')[0] }, 'run page failed');
      if (!res.headersSent) refuse(res, api, 500, 'Something went wrong', 'The page could not be built; the server log has the details.');
    }
    return true;
  };
}
