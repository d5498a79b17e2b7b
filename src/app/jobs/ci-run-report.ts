import type { RepoTarget } from '../../lib/repo-target.ts';
import type { RunRecord } from '../../state/run-store.ts';
import { commandJobOf } from './command-job-of-run.ts';
import { createPlanRunReport, type PlanRunReport } from './plan-run-report.ts';
import type { WorkerDeps } from './worker-deps.ts';

/**
 * The report of a run that waits for or fixes CI, rebuilt from the stored run: whichever worker a
 * webhook or poll woke edits the same status comment, with the nodes the run had finished.
 */
export async function ciRunReport(run: RunRecord, deps: WorkerDeps, target: RepoTarget): Promise<PlanRunReport> {
  const completed = (await deps.ledger.readEvents(run.id))
    .filter((event) => event.type === 'node.completed')
    .map((event) => (event.payload as { node: string }).node);
  return createPlanRunReport({ job: commandJobOf(run), run, deps, target }, [...new Set(completed)]);
}
