/** How a run waits for the repository's CI: the operator's values (AOS_CI_*), in milliseconds. */
export interface CiSettings {
  /** Most ci-fix passes per run; `.github/aos.yml` may lower it. */
  fixAttempts: number;
  /** How long one head commit's CI may take before the run ends needs-work. */
  timeoutMs: number;
  /** How long a commit may show no check or status (but aos's) before it counts as having no CI. */
  graceMs: number;
  /** Time between two looks at the checks while waiting; webhooks wake the run sooner. */
  pollMs: number;
}

/** The operator's CI settings from the environment's AOS_CI_* values. */
export function ciSettingsFrom(env: {
  AOS_CI_FIX_ATTEMPTS: number;
  AOS_CI_TIMEOUT_MINUTES: number;
  AOS_CI_GRACE_MINUTES: number;
  AOS_CI_POLL_SECONDS: number;
}): CiSettings {
  return {
    fixAttempts: env.AOS_CI_FIX_ATTEMPTS,
    timeoutMs: env.AOS_CI_TIMEOUT_MINUTES * 60_000,
    graceMs: env.AOS_CI_GRACE_MINUTES * 60_000,
    pollMs: env.AOS_CI_POLL_SECONDS * 1_000,
  };
}
