import { AosError } from '../../observability/aos-error.ts';
import { withCorrelation, type Logger } from '../../observability/logger.ts';
import type { Ledger } from '../../state/ledger/ledger.ts';
import type { AgentState } from '../agent-state.ts';
import { createReplayRouter } from '../create-replay-router.ts';
import { replayTools } from '../record-tools.ts';
import { TOOL_CALL_EVENT, type RecordedToolCall } from '../tools/create-tool-executor.ts';
import { runAgent } from '../run-agent.ts';
import type { Workspace } from '../workspace-types.ts';
import { createMemoryStores } from './create-memory-stores.ts';

/** The result of a replay: whether re-running on the recorded answers reproduced the run. */
export interface ReplayResult {
  runId: string;
  matches: boolean;
  originalFinalStateHash: string;
  replayFinalStateHash: string;
  modelCallsReplayed: number;
}

/**
 * Re-executes a finished run from its ledger: the initial state from `run.started`, every model
 * answer from `model.call`, every repository-tool result from `tool.call` (the repository is not
 * read for them), no provider contacted and nothing written to the database. Refuses a
 * run whose ledger fails verification, since a tampered record cannot be trusted to replay.
 */
export async function replayRun(options: { runId: string; ledger: Ledger; workspace: Workspace; logger: Logger }): Promise<ReplayResult> {
  const { runId, ledger } = options;
  const verification = await ledger.verifyLedgerIntegrity(runId);
  if (!verification.ok) {
    throw new AosError(
      'replay_refused',
      `the ledger of run ${runId} failed verification, so it cannot be replayed: ${verification.problems.map((problem) => problem.message).join('; ')}`,
    );
  }
  const events = await ledger.readEvents(runId);
  const started = events.find((event) => event.type === 'run.started');
  const completed = events.findLast((event) => event.type === 'run.completed');
  if (!started || !completed)
    throw new AosError(
      'replay_refused',
      `run ${runId} has no complete record to replay (started: ${Boolean(started)}, completed: ${Boolean(completed)})`,
    );
  const memory = createMemoryStores();
  const outcome = await runAgent({
    runId,
    initialState: (started.payload as { initial_state: AgentState }).initial_state,
    ...((started.payload as { start_at?: string }).start_at === 'coder' ? { startAt: 'coder' as const } : {}),
    workspace: options.workspace,
    router: createReplayRouter(events),
    ...replayTools(events),
    replaying: true,
    recordedToolCalls: events.filter((event) => event.type === TOOL_CALL_EVENT).map((event) => event.payload as RecordedToolCall),
    stateRepository: memory.stateRepository,
    ledger: memory.ledger,
    logger: withCorrelation(options.logger, runId, { run_id: runId, replay: true }),
  });
  const original = (completed.payload as { final_state_hash: string }).final_state_hash;
  return {
    runId,
    matches: outcome.finalStateHash === original,
    originalFinalStateHash: original,
    replayFinalStateHash: outcome.finalStateHash,
    modelCallsReplayed: events.filter((event) => event.type === 'model.call').length,
  };
}
