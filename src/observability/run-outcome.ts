import type { RUN_OUTCOMES } from './create-run-metrics.ts';

/** A value of the `outcome` label of `aos_runs_total`. */
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/**
 * The metrics outcome of a finished run from its stored status and verdict: the verdict when the
 * run completed with one, `completed` when it ended without one (a dry run), else the status.
 */
export function runOutcomeOf(status: 'completed' | 'failed' | 'cancelled', verdict: 'ready' | 'needs-work' | null): RunOutcome {
  if (status !== 'completed') return status;
  return verdict ?? 'completed';
}
