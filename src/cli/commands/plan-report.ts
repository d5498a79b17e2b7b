import type { AgentState } from '../../agents/agent-state.ts';
import type { FileDiff } from '../../agents/workspace-types.ts';

/** What `aos plan` reports at the end of a run, as text or as JSON. */
export interface PlanReport {
  runId: string;
  status: 'completed' | 'failed' | 'cancelled';
  baseSha: string;
  dryRun: boolean;
  state: AgentState;
  files: FileDiff[];
  costEur: number;
  modelCalls: number;
  /** The branch and commit the change went to; null when nothing was committed. */
  branch: string | null;
  commit: string | null;
  /** Why nothing was committed, when there was a change. */
  commitNote: string | null;
  finalStateHash: string;
}

/** The report as JSON for `--json`: snake_case fields, the model's answers as they were validated. */
export function planReportJson(report: PlanReport): Record<string, unknown> {
  const { state } = report;
  return {
    run_id: report.runId,
    status: report.status,
    verdict: state.approval?.verdict ?? null,
    base_sha: report.baseSha,
    dry_run: report.dryRun,
    plan: state.plan,
    diff: {
      files: report.files.map((file) => ({ path: file.path, status: file.status, additions: file.additions, deletions: file.deletions })),
      additions: report.files.reduce((sum, file) => sum + file.additions, 0),
      deletions: report.files.reduce((sum, file) => sum + file.deletions, 0),
    },
    critic: state.critic,
    critic_history: state.criticHistory,
    qa: state.qa,
    approval: state.approval,
    edit_failures: state.editFailures,
    failure: state.failure,
    cost_eur: report.costEur,
    model_calls: report.modelCalls,
    branch: report.branch,
    commit: report.commit,
    commit_note: report.commitNote,
    final_state_hash: report.finalStateHash,
  };
}
