import type { RepoTarget } from '../../lib/repo-target.ts';
import { requestStatus } from '../../lib/request-status.ts';

/** One check run or commit status on a head commit, as the CI verdict reads it. */
export interface ObservedCheck {
  kind: 'check-run' | 'status';
  /** The check run's id (its Actions job id too); null for a status. */
  id: number | null;
  name: string;
  done: boolean;
  failed: boolean;
  /** The app that wrote a check run (`github-actions` for Actions). */
  appSlug: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
}

/** The CI of one head commit: every check but aos's own, and the base branch's required checks where aos may read them. */
export interface ObservedCi {
  checks: ObservedCheck[];
  /** The required status checks of the base branch's protection; null when there is none or aos may not read it. */
  required: string[] | null;
}

const FAILED = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure']);
const AOS_PREFIX = 'aos / ';

/** Options of `readCiChecks`. */
export interface ReadCiChecksOptions extends RepoTarget {
  headSha: string;
  baseBranch: string;
  /** The app of aos's own check runs; they are never counted. */
  ownAppId: number | null;
}

/**
 * Reads what the repository's CI says of `headSha`: its check runs (the latest of each name,
 * written by any app but aos), its commit statuses, and the base branch's required checks
 * (`GET …/branches/{branch}/protection/required_status_checks`; a 403 or 404 means every check
 * counts). Fetch only; what it means is decided by `decideCiState`.
 */
export async function readCiChecks(options: ReadCiChecksOptions): Promise<ObservedCi> {
  const { octokit, owner, repo, headSha } = options;
  const { data: runs } = await octokit.rest.checks.listForRef({ owner, repo, ref: headSha, filter: 'latest', per_page: 100 });
  const { data: combined } = await octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: headSha, per_page: 100 });
  const checks: ObservedCheck[] = runs.check_runs
    .filter((run) => !run.name.startsWith(AOS_PREFIX) && (options.ownAppId === null || run.app?.id !== options.ownAppId))
    .map((run) => ({
      kind: 'check-run',
      id: run.id,
      name: run.name,
      done: run.status === 'completed',
      failed: run.status === 'completed' && FAILED.has(run.conclusion ?? ''),
      appSlug: run.app?.slug ?? null,
      output: { title: run.output.title ?? null, summary: run.output.summary ?? null, text: run.output.text ?? null },
    }));
  for (const status of combined.statuses)
    checks.push({
      kind: 'status',
      id: null,
      name: status.context,
      done: status.state !== 'pending',
      failed: status.state === 'failure' || status.state === 'error',
      appSlug: null,
      output: { title: status.state, summary: status.description ?? null, text: null },
    });
  return { checks, required: await readRequiredChecks(options) };
}

/** The base branch's required checks, or null when it has none aos can read. */
async function readRequiredChecks({ octokit, owner, repo, baseBranch }: ReadCiChecksOptions): Promise<string[] | null> {
  try {
    const { data } = await octokit.rest.repos.getStatusChecksProtection({ owner, repo, branch: baseBranch });
    const names = new Set([...(data.contexts ?? []), ...(data.checks ?? []).map((check) => check.context)]);
    return names.size > 0 ? [...names] : null;
  } catch (error) {
    const status = requestStatus(error);
    if (status === 403 || status === 404) return null;
    throw error;
  }
}
