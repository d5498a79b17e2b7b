import type { Finding } from '../../agents/agent-schemas.ts';
import type { AgentState } from '../../agents/agent-state.ts';
import { initialAgentState } from '../../agents/agent-state.ts';
import type { RunOutcome } from '../../agents/graph/run-graph.ts';
import { runAgent } from '../../agents/run-agent.ts';
import type { RepoTarget } from '../../lib/repo-target.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../policy/edit-guard/index.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { commitChanges } from '../github/commit-changes.ts';
import { postReview } from '../github/post-review.ts';
import type { RepoSettings } from '../repo-settings/repo-settings-schema.ts';
import type { WorkerDeps } from './worker-deps.ts';
import { workspaceBaseModes } from './workspace-base-modes.ts';

/** One coder → critic → qa → approver pass on a bot pull request's branch. */
export interface RevisionPass {
  run: RunRecord;
  /** The graph's own id: the run's for `/aos revise`, one per ci-fix pass, so each resumes from its own checkpoint. */
  graphId: string;
  target: RepoTarget;
  installationId: number;
  pullNumber: number;
  branch: string;
  /** The branch head the pass starts from. */
  headSha: string;
  /** The state of the run that planned the change: its task, plan and context files. */
  previous: AgentState;
  /** Comments added to the task (sanitized), newest last. */
  comments: ReadonlyArray<{ author: string; body: string }>;
  instructions: string;
  /** What the coder is to address, as findings, and the summary they come under. */
  findings: Finding[];
  summary: string;
  settings: RepoSettings;
  commitMessage: string;
  /** A ci-fix pass: the failures it addresses, quoted in its review. */
  addressed?: string[];
}

/** What the pass did: the graph's outcome, the new head (null when nothing changed), what the run has cost. */
export interface RevisionPassResult {
  outcome: RunOutcome<AgentState>;
  headSha: string | null;
  costEur: number;
}

/**
 * The pass `/aos revise` and the ci-fix pass share: the planned run's task and plan, with the
 * findings to address handed to the coder as the critic's, run from the coder on the branch head
 * under the same budget scopes as `/aos plan` (charged to the run, refused like any call when it
 * cannot be afforded); a change is committed on the branch and gets its review.
 */
export async function runRevisionPass(pass: RevisionPass, deps: WorkerDeps): Promise<RevisionPassResult> {
  const { run, target, settings, previous } = pass;
  const { config } = deps;
  const initialState: AgentState = {
    ...initialAgentState(
      { ...previous.task, comments: [...previous.task.comments, ...pass.comments].slice(-30), instructions: pass.instructions },
      { maxIterations: settings.maxIterations, maxToolCalls: settings.maxToolCalls, extraDenyGlobs: settings.denyGlobs },
    ),
    plan: previous.plan,
    contextFiles: previous.contextFiles,
    // The coder starts the pass, so only it can act on what is asked: it gets it as the critic's findings.
    critic: { verdict: 'revise', summary: pass.summary, findings: pass.findings },
  };
  const workspace = deps.openWorkspace({
    target,
    commitSha: pass.headSha,
    policy: { ...DEFAULT_EDIT_GUARD_POLICY, denyGlobs: settings.denyGlobs, secretFiles: settings.secretFiles },
  });
  const outcome = await runAgent({
    runId: pass.graphId,
    initialState,
    startAt: 'coder',
    workspace,
    router: deps.router,
    stateRepository: deps.stateRepository,
    ledger: deps.ledger,
    logger: deps.logger,
    budget: {
      runId: run.id,
      runCapEur: settings.budget.runCapEur ?? config.finops.run_default_cap_eur,
      installation: { id: String(pass.installationId) },
      repository: {
        id: `${target.owner}/${target.repo}`,
        dailyCapEur: settings.budget.dailyCapEur,
        monthlyCapEur: settings.budget.monthlyCapEur,
      },
    },
    isCancelled: () => deps.runStore.isCancelRequested(run.id),
  });
  const state = outcome.state;
  const costEur = (await deps.guardian.getRemainingBudget({ runId: run.id })).find((row) => row.scope === 'run')?.spent ?? 0;
  const changes = new Map(Object.entries(state.changes));
  if (outcome.status === 'cancelled' || changes.size === 0) return { outcome, headSha: null, costEur };
  const headSha = await commitChanges({
    ...target,
    baseSha: pass.headSha,
    branch: pass.branch,
    branchMode: 'update',
    message: pass.commitMessage,
    changes,
    baseModes: await workspaceBaseModes(workspace),
  });
  await postReview({
    ...target,
    pullNumber: pass.pullNumber,
    commitSha: headSha,
    diff: await workspace.diff(),
    critic: state.critic,
    qa: state.qa,
    costEur,
    findings: [...(state.critic?.findings ?? []), ...(state.qa?.findings ?? [])],
    ...(pass.addressed ? { addressed: pass.addressed } : {}),
  });
  return { outcome, headSha, costEur };
}
