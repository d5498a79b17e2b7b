import { initialAgentState, type AgentState } from '../../agents/agent-state.ts';
import type { RouteRequest } from '../../llm/router.ts';
import { type EditGuardPolicy, DEFAULT_EDIT_GUARD_POLICY } from '../../policy/edit-guard/index.ts';
import type { RunRecord } from '../../state/run-store.ts';
import type { RepoSettings } from '../repo-settings/repo-settings-schema.ts';
import type { CommandJob } from './job-types.ts';

/** An issue comment as GitHub lists it: the fields a run reads. */
export interface IssueComment {
  id: number;
  body?: string | null | undefined;
  user?: { login: string } | null | undefined;
}

/** What the graph of a `/aos plan` run starts from. */
export interface PlanRunInput {
  initialState: AgentState;
  /** The scopes every model call of the run is charged to. */
  budget: NonNullable<RouteRequest['budget']>;
  /** The edit guard of the run's workspace. */
  editPolicy: EditGuardPolicy;
}

/** What the input is decided from: the job, the run, the issue as read from GitHub, the settings. */
export interface PlanRunFacts {
  job: CommandJob;
  run: RunRecord;
  /** `owner/repo`: the repository scope of the budget. */
  repository: string;
  issue: { title: string; body?: string | null | undefined };
  comments: readonly IssueComment[];
  settings: RepoSettings;
  /** `run_default_cap_eur`, for a repository that sets no run cap. */
  runDefaultCapEur: number;
}

const isBotLogin = (login: string | undefined) => !login || login.endsWith('[bot]');

/**
 * Decides what the graph of a `/aos plan` run starts from: the issue, the last 30 comments of
 * people (no bot, not the command itself, no other `/aos` command), the run's instructions, the
 * repository's iterations, deny globs and secret files, and the budget scopes (the run with its
 * cap, the installation, the repository with its caps). Pure.
 */
export function planRunInput(facts: PlanRunFacts): PlanRunInput {
  const { job, run, issue, settings } = facts;
  const comments = facts.comments
    .filter(
      (comment) =>
        !isBotLogin(comment.user?.login) && comment.id !== job.commentId && !comment.body?.trimStart().toLowerCase().startsWith('/aos'),
    )
    .slice(-30)
    .map((comment) => ({ author: comment.user?.login ?? 'unknown', body: comment.body ?? '' }));
  const initialState = initialAgentState(
    { title: issue.title, body: issue.body ?? '', comments, instructions: run.instructions ?? '' },
    { maxIterations: settings.maxIterations, maxToolCalls: settings.maxToolCalls, dryRun: run.dryRun, extraDenyGlobs: settings.denyGlobs },
  );
  return {
    initialState,
    budget: {
      runId: run.id,
      runCapEur: settings.budget.runCapEur ?? facts.runDefaultCapEur,
      installation: { id: String(job.installationId) },
      repository: { id: facts.repository, dailyCapEur: settings.budget.dailyCapEur, monthlyCapEur: settings.budget.monthlyCapEur },
    },
    editPolicy: { ...DEFAULT_EDIT_GUARD_POLICY, denyGlobs: settings.denyGlobs, secretFiles: settings.secretFiles },
  };
}
