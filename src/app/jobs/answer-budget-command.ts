import type { ScopeSpend } from '../../state/budget/read-scope-spend.ts';
import { formatEur } from '../github/format-eur.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { loadRepoSettings } from '../repo-settings/load-repo-settings.ts';
import type { CommandJob } from './job-types.ts';
import type { WorkerDeps } from './worker-deps.ts';

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One table row: a scope's spend in one period, with its cap where it has one. */
function row(spend: ScopeSpend): string {
  const label = `${spend.scope} ${spend.scopeId} ${spend.period === 'day' ? 'today' : 'this month'}`;
  const capped = spend.cap !== null;
  const cells = [
    label,
    formatEur(spend.spent),
    capped ? formatEur(spend.cap!) : 'none',
    spend.reserved === null ? '—' : formatEur(spend.reserved),
    spend.remaining === null ? '—' : formatEur(spend.remaining),
    when(spend.resetsAt),
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * The reply to `/aos budget`: what this repository and its installation have spent today and this
 * month, against the repository's caps from `.github/aos.yml`. Only these two scopes are read, so
 * no other installation's or repository's spend, and no global total (which would reveal
 * everyone's), can appear. The installation is shown as one total, never split by repository.
 */
export async function answerBudgetCommand(
  job: CommandJob,
  deps: Pick<WorkerDeps, 'config' | 'guardian'>,
  target: RepoTarget,
): Promise<string> {
  const { octokit, owner, repo } = target;
  const phase = deps.config.finops.phases[deps.config.finops.active_phase]!;
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const settings = await loadRepoSettings({
    octokit,
    owner,
    repo,
    defaultBranch: repository.default_branch,
    globalCaps: {
      dailyCapEur: phase.daily_eur_cap,
      monthlyCapEur: phase.monthly_eur_cap,
      runCapEur: deps.config.finops.run_default_cap_eur,
    },
  });
  const caps = settings.ok ? settings.settings.budget : {};
  const rows = await deps.guardian.getScopeSpend({
    installation: { id: String(job.installationId) },
    repository: { id: `${owner}/${repo}`, dailyCapEur: caps.dailyCapEur, monthlyCapEur: caps.monthlyCapEur },
  });
  return [
    '**aos budget**',
    '',
    '| scope | spent | cap | in flight | left | resets |',
    '|---|---|---|---|---|---|',
    ...rows.map(row),
    ...(settings.ok
      ? []
      : ['', '`.github/aos.yml` on the default branch is invalid, so its caps are not shown; `/aos plan` explains what is wrong.']),
  ].join('\n');
}
