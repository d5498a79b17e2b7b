import type { AgentState, QaCheck } from '../../../agents/agent-state.ts';
import type { CriticReview, Finding, Plan } from '../../../agents/agent-schemas.ts';
import type { RunRecord } from '../../../state/run-store.ts';
import type { GithubRequestsRow } from './github-requests-of.ts';

/** One graph node execution, from its `node.completed` event. Money in whole micro-euros, so rows add up exactly. */
export interface TimelineRow {
  step: number;
  node: string;
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  modelCalls: number;
  costMicroEur: number;
  next: string | null;
}

/** One residency decision on a provider's endpoint, recorded with a model call or refusal. */
export interface ResidencyRow {
  seq: number;
  task: string;
  /** `call`: a provider answered (`used` says which); `refused`: no call was made. */
  event: 'call' | 'refused';
  used: string | null;
  provider: string;
  allow: boolean;
  host: string;
  reason: string;
}

/** One ledger event as the page shows it (payloads stay in the JSON view of the ledger, not here). */
export interface LedgerRow {
  seq: number;
  type: string;
  createdAt: string;
  prevHash: string;
  hash: string;
}

/** Everything a run page shows; also the body of `GET /aos/api/runs/:id`. */
export interface RunView {
  run: RunRecord;
  links: { issue: string | null; pullRequest: string | null };
  plan: Plan | null;
  timeline: { rows: TimelineRow[]; total: Omit<TimelineRow, 'step' | 'node' | 'next'> };
  critic: CriticReview | null;
  criticHistory: CriticReview[];
  qa: { checks: QaCheck[]; passed: boolean; findings: Finding[] } | null;
  approval: AgentState['approval'];
  failure: AgentState['failure'];
  editFailures: AgentState['editFailures'];
  /** The run's changed files with their new content; null content is a deletion. */
  changes: Array<{ path: string; content: string | null }>;
  /** The change as a unified diff against the base ('' when the run made none or predates diffs). */
  diff: string;
  residency: ResidencyRow[];
  /** The GitHub requests the run made, by kind; null for a run from before they were counted (or a local one). */
  githubRequests: GithubRequestsRow | null;
  ledger: { verified: boolean; problems: string[]; events: LedgerRow[] };
  /** Why the checkpoint could not be shown (absent, or failed its integrity check). */
  checkpointNote: string | null;
}
