/** One failing check or status, as evidence for a ci-fix pass: every text in it is already sanitized. */
export interface CiFailure {
  /** The check run's or status's name. */
  name: string;
  /** Where the failure points, when an annotation says (path relative to the repository, 1-based line). */
  path: string;
  line: number;
  /** What failed: an annotation's message, the check's output, or the tail of the job's log. */
  message: string;
}

/** What one head commit's CI came to, as the status comment lists it. */
export interface CiPassRecord {
  /** 0 for the commit the run first pushed, then 1, 2, … for each ci-fix pass. */
  pass: number;
  headSha: string;
  result: 'waiting' | 'passed' | 'failed' | 'no-ci' | 'timed-out';
  /** The failing checks' names (failed), or the counted ones (passed). */
  checks: string[];
}

/**
 * A run's standing with the repository's CI, kept on the run so that any worker, after a restart
 * or woken by a webhook, carries it on. `waiting`: for the checks on `headSha`; `fixing`: a ci-fix
 * pass is making a new commit from `failures`.
 */
export interface RunCiState {
  phase: 'waiting' | 'fixing';
  pass: number;
  headSha: string;
  /** When the wait on `headSha` began, epoch ms (the grace period and the timeout count from it). */
  since: number;
  /** The `aos / agent` check run on `headSha`, in progress while CI runs. */
  agentCheckRunId: number;
  /** The GitHub App that wrote aos's own check runs: its checks are never counted as CI. */
  ownAppId: number | null;
  /** What the approver said of the last pass; `ready` also needs green CI. */
  approverVerdict: 'ready' | 'needs-work';
  /** The approver's reasons of the last pass, for the `aos / agent` check. */
  approverReasons: string[];
  history: CiPassRecord[];
  /** The failures the pass under way addresses (phase `fixing`). */
  failures: CiFailure[];
  /**
   * The run's W3C trace context where the wait began (tracing on only): each later look at CI, and the
   * ci-fix pass it starts, continues the run's trace rather than the trace of the webhook that woke it.
   */
  trace?: { traceparent?: string; tracestate?: string };
}
