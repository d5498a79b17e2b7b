import type { Metrics } from './metrics.ts';

/**
 * Counts one completed check run. `check` is the short name (`package-reality`, `agent`), never
 * the repository or pull request; `conclusion` is GitHub's (`success`, `failure`, `neutral`, …).
 */
export function recordCheckRun(metrics: Pick<Metrics, 'checkRunConclusions'>, check: string, conclusion: string): void {
  metrics.checkRunConclusions.inc({ check, conclusion });
}
