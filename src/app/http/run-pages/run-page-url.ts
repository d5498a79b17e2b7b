import { RUN_PATHS } from './run-paths.ts';
import { signedPageUrl } from './signed-page-url.ts';

/**
 * The signed, expiring link to a run's page that aos posts on GitHub, e.g. for
 * `WorkerDeps.runPageUrl`: `(id) => runPageUrl(env.AOS_PUBLIC_URL, env.AOS_RUN_LINK_SECRET, id)`.
 */
export function runPageUrl(publicUrl: string, secret: string, runId: string, ttlDays = 30, now: Date = new Date()): string {
  return signedPageUrl(publicUrl, secret, RUN_PATHS.page(runId), ttlDays, now);
}
