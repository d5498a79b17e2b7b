import type { Finding, Plan } from '../../agents/agent-schemas.ts';
import type { AgentState } from '../../agents/agent-state.ts';
import type { RunOutcome } from '../../agents/graph/run-graph.ts';
import type { RunRecord } from '../../state/run-store.ts';
import type { RepoSettings } from '../repo-settings/repo-settings-schema.ts';

/** How a run ends: the outcome shown and notified, the status message, and what the run record gets. */
export interface RunEnding {
  outcome: 'succeeded' | 'failed' | 'cancelled';
  message: string;
  patch: Partial<RunRecord>;
}

/** The pull request a run opens, decided before anything is written to GitHub. */
export interface PlannedPullRequest {
  branch: string;
  verdict: 'ready' | 'needs-work';
  draft: boolean;
  labels: string[];
  changes: Map<string, string | null>;
  plan: Plan;
  /** The critic's findings, then QA's. */
  findings: Finding[];
  finalStateHash: string;
}

/**
 * What a `/aos plan` run does once its graph has run: end (`finish`), post the plan of a dry run
 * and end (`post-plan`), or open a pull request (`open-pull-request`).
 */
export type PlanRunEnd =
  | { next: 'finish'; ending: RunEnding }
  | { next: 'post-plan'; ending: RunEnding }
  | { next: 'open-pull-request'; pullRequest: PlannedPullRequest };

/** What the end is decided from besides the graph's outcome. */
export interface PlanRunEndFacts {
  runId: string;
  dryRun: boolean;
  issueNumber: number;
  draft: RepoSettings['draft'];
}

/**
 * Decides how a `/aos plan` run ends: a cancelled run says so; a dry run posts its plan; a run
 * with no change says why no pull request was opened; otherwise a draft pull request on
 * `aos/issue-<n>-<short id>`, labelled `aos`, that leaves draft once the approver said ready and
 * the repository's CI passed (never, with `draft: always`).
 * Pure.
 */
export function decidePlanRunEnd(outcome: RunOutcome<AgentState>, facts: PlanRunEndFacts): PlanRunEnd {
  if (outcome.status === 'cancelled')
    return {
      next: 'finish',
      ending: { outcome: 'cancelled', message: 'The run was cancelled; nothing more will be done.', patch: { status: 'cancelled' } },
    };
  const { state, finalStateHash } = outcome;
  if (facts.dryRun)
    return {
      next: 'post-plan',
      ending: {
        outcome: 'succeeded',
        message: 'Dry run: the plan is above; no code was written.',
        patch: { status: 'completed', finalStateHash },
      },
    };
  const changes = new Map(Object.entries(state.changes));
  if (changes.size === 0) {
    const reasons = state.approval?.reasons ?? [state.failure?.message ?? 'no change was produced'];
    const message = `No pull request was opened:\n${reasons.map((reason) => `- ${reason}`).join('\n')}`;
    return {
      next: 'finish',
      ending: {
        outcome: 'failed',
        message,
        patch: { status: 'completed', verdict: 'needs-work', finalStateHash, error: state.failure?.message ?? null },
      },
    };
  }
  const verdict = state.approval?.verdict ?? 'needs-work';
  return {
    next: 'open-pull-request',
    pullRequest: {
      branch: `aos/issue-${facts.issueNumber}-${facts.runId.slice(0, 8)}`,
      verdict,
      // A draft until the repository's CI has passed on it: `ready` needs the approver and the CI,
      // and the verdict label goes on once both are known.
      draft: true,
      labels: ['aos'],
      changes,
      plan: state.plan!,
      findings: [...(state.critic?.findings ?? []), ...(state.qa?.findings ?? [])],
      finalStateHash,
    },
  };
}
