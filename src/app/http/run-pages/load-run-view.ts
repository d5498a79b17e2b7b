import type { AgentState } from '../../../agents/agent-state.ts';
import { checkpointKey, type RunCheckpoint } from '../../../agents/graph/run-graph.ts';
import type { Ledger } from '../../../state/ledger/ledger.ts';
import type { RunRecord, RunStore } from '../../../state/run-store.ts';
import type { StateRepository } from '../../../state/state-repository.ts';
import { residencyOf } from './residency-of.ts';
import type { RunView } from './run-view.ts';
import { timelineOf } from './timeline-of.ts';
import { githubRequestsOf } from './github-requests-of.ts';

/** What a run page is read from. */
export interface RunViewSources {
  runStore: Pick<RunStore, 'getRun'>;
  ledger: Pick<Ledger, 'readEvents' | 'verifyLedgerIntegrity'>;
  stateRepository: Pick<StateRepository, 'get'>;
  /** Web root for issue and pull request links, e.g. `https://github.com`. */
  githubWebUrl: string;
}

function linksOf(run: RunRecord, web: string): RunView['links'] {
  if (!run.owner || !run.repo) return { issue: null, pullRequest: null };
  const repo = `${web.replace(/\/+$/, '')}/${encodeURIComponent(run.owner)}/${encodeURIComponent(run.repo)}`;
  return {
    issue: run.issueNumber === null ? null : `${repo}/issues/${run.issueNumber}`,
    pullRequest: run.prNumber === null ? null : `${repo}/pull/${run.prNumber}`,
  };
}

async function readCheckpoint(sources: RunViewSources, runId: string): Promise<{ state: AgentState | null; note: string | null }> {
  try {
    const checkpoint = await sources.stateRepository.get<RunCheckpoint<AgentState>>(checkpointKey(runId));
    return checkpoint ? { state: checkpoint.state, note: null } : { state: null, note: 'This run has no checkpoint yet.' };
  } catch (error) {
    // A tampered checkpoint is reported on the page, not served and not turned into a 500.
    return { state: null, note: `The checkpoint could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Reads one run's record, ledger, ledger verification and checkpoint; null when the run is unknown. */
export async function loadRunView(sources: RunViewSources, runId: string): Promise<RunView | null> {
  const run = await sources.runStore.getRun(runId);
  if (!run) return null;
  const [events, verification, checkpoint] = await Promise.all([
    sources.ledger.readEvents(runId),
    sources.ledger.verifyLedgerIntegrity(runId),
    readCheckpoint(sources, runId),
  ]);
  const state = checkpoint.state;
  return {
    run,
    links: linksOf(run, sources.githubWebUrl),
    plan: state?.plan ?? null,
    timeline: timelineOf(events),
    critic: state?.critic ?? null,
    criticHistory: state?.criticHistory ?? [],
    qa: state?.qa ?? null,
    approval: state?.approval ?? null,
    failure: state?.failure ?? null,
    editFailures: state?.editFailures ?? [],
    changes: Object.entries(state?.changes ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, content]) => ({ path, content })),
    diff: typeof state?.diff === 'string' ? state.diff : '',
    residency: residencyOf(events),
    githubRequests: githubRequestsOf(events),
    ledger: {
      verified: verification.ok,
      problems: verification.problems.map((problem) => problem.message),
      events: events.map((event) => ({
        seq: event.seq,
        type: event.type,
        createdAt: event.createdAt,
        prevHash: event.prevHash,
        hash: event.hash,
      })),
    },
    checkpointNote: checkpoint.note,
  };
}
