import type { CriticReview, Finding, Plan } from './agent-schemas.ts';

/** One QA check: deterministic or model-judged, with evidence either way. */
export interface QaCheck {
  name: string;
  passed: boolean;
  evidence: string;
}

/** The task as given: an issue (GitHub) or a local request (CLI). Untrusted text, kept as data. */
export interface AgentTask {
  title: string;
  body: string;
  comments: Array<{ author: string; body: string }>;
  /** Free-form instructions after the command (`/aos plan …`, `aos plan "…"`). */
  instructions: string;
}

/** Settings of one run; only the operator and `.github/aos.yml` set them, never issue text. */
export interface AgentSettings {
  maxIterations: number;
  contextTokenBudget: number;
  testCommand: string | null;
  testTimeoutMs: number;
  dryRun: boolean;
  /** Extra deny globs from `.github/aos.yml` (the defaults always apply). */
  extraDenyGlobs: string[];
  /** Read-only tool calls the planner and the coder may each make per pass; 0 offers no tools. */
  maxToolCalls: number;
}

/** The typed state a run carries from node to node; checkpointed after each. */
export interface AgentState {
  task: AgentTask;
  settings: AgentSettings;
  plan: Plan | null;
  contextFiles: string[];
  /** The overlay: path → new content, or null for a deleted file. */
  changes: Record<string, string | null>;
  /** The overlay as a unified diff against the base, after the last coder pass (for reviewers and run pages). */
  diff: string;
  editFailures: Array<{ path: string; reason: string; rule: string | null }>;
  iteration: number;
  critic: CriticReview | null;
  criticHistory: CriticReview[];
  qa: { checks: QaCheck[]; passed: boolean; findings: Finding[] } | null;
  approval: { verdict: 'ready' | 'needs-work'; reasons: string[] } | null;
  /** Set when the run cannot go on (invalid model output twice, refusal, budget, residency). */
  failure: { code: string; message: string } | null;
}

/** Tool calls per planner or coder pass unless a run's settings say otherwise. */
export const DEFAULT_MAX_TOOL_CALLS = 12;

/** The state a run starts from. */
export function initialAgentState(task: AgentTask, settings: Partial<AgentSettings> = {}): AgentState {
  return {
    task,
    settings: {
      maxIterations: settings.maxIterations ?? 2,
      contextTokenBudget: settings.contextTokenBudget ?? 24_000,
      testCommand: settings.testCommand ?? null,
      testTimeoutMs: settings.testTimeoutMs ?? 300_000,
      dryRun: settings.dryRun ?? false,
      extraDenyGlobs: settings.extraDenyGlobs ?? [],
      maxToolCalls: settings.maxToolCalls ?? DEFAULT_MAX_TOOL_CALLS,
    },
    plan: null,
    contextFiles: [],
    changes: {},
    diff: '',
    editFailures: [],
    iteration: 0,
    critic: null,
    criticHistory: [],
    qa: null,
    approval: null,
    failure: null,
  };
}
