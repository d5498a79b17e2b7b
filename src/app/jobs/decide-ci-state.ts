import type { ObservedCheck, ObservedCi } from '../github/read-ci-checks.ts';

/** What the repository's CI says of a head commit. */
export type CiDecision =
  | { state: 'pending'; waitingFor: string[] }
  | { state: 'passed'; checks: string[] }
  | { state: 'failed'; failed: ObservedCheck[] }
  | { state: 'no-ci' }
  | { state: 'timed-out'; waitingFor: string[] };

/** How long the run has waited, and how long it may. */
export interface CiClock {
  elapsedMs: number;
  graceMs: number;
  timeoutMs: number;
}

/**
 * Decides what a head commit's CI came to. The checks that count are the base branch's required
 * ones where aos can read them, else every check on the head (aos's own are never among them).
 * It passes when every counted check is done and none failed; it fails once every counted check
 * is done and one failed (all failures then go to the fix at once), or at the timeout with a
 * failure. A commit with no check or status at all after the grace period has no CI; a required
 * check that never reports is waited for until the timeout. Pure.
 */
export function decideCiState(observed: ObservedCi, clock: CiClock): CiDecision {
  const { checks } = observed;
  const required = observed.required;
  const counted = required ? checks.filter((check) => required.includes(check.name)) : checks;
  const missing = required ? required.filter((name) => !checks.some((check) => check.name === name)) : [];
  const waitingFor = [...counted.filter((check) => !check.done).map((check) => check.name), ...missing];
  const failed = counted.filter((check) => check.failed);
  const timedOut = clock.elapsedMs >= clock.timeoutMs;
  if (checks.length === 0 && !required) return clock.elapsedMs >= clock.graceMs ? { state: 'no-ci' } : { state: 'pending', waitingFor };
  if (waitingFor.length === 0)
    return failed.length > 0 ? { state: 'failed', failed } : { state: 'passed', checks: counted.map((check) => check.name) };
  if (!timedOut) return { state: 'pending', waitingFor };
  return failed.length > 0 ? { state: 'failed', failed } : { state: 'timed-out', waitingFor };
}
