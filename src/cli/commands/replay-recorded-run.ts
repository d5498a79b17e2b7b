import path from 'node:path';
import { replayRun } from '../../agents/replay/replay-run.ts';
import { createOverlayWorkspace } from '../../workspace/create-overlay-workspace.ts';
import { isAosError } from '../../observability/aos-error.ts';
import { createMetrics } from '../../observability/metrics.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../policy/edit-guard/index.ts';
import { createLedger } from '../../state/ledger/ledger.ts';
import { createRunStore } from '../../state/run-store.ts';
import type { CliInvocation } from '../cli-command.ts';
import { openCliContext } from '../cli-context.ts';
import { UsageError } from '../usage-error.ts';
import { stringOption } from './cli-options.ts';
import { resolveRepoBase } from './resolve-repo-base.ts';

/** `aos replay <run-id>`: re-runs a recorded run on its recorded model answers and compares the final state hash. */
export async function replayRecordedRun({ positionals, values, out }: CliInvocation): Promise<number> {
  const [runId, extra] = positionals;
  if (!runId) throw new UsageError('missing run id: aos replay <run-id> (aos runs list shows the ids)');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const repoDir = path.resolve(stringOption(values, 'repo') ?? '.');
  const { logger, backends } = await openCliContext();
  try {
    const run = await createRunStore(backends.db.knex).getRun(runId);
    if (!run) throw new UsageError(`no run with id "${runId}" (aos runs list shows the ids)`);
    if (!run.baseSha) throw new UsageError(`run ${runId} has no base commit recorded, so its workspace cannot be rebuilt`);
    const { base } = await resolveRepoBase(repoDir, run.baseSha);
    const ledger = createLedger({ knex: backends.db.knex, metrics: createMetrics() });
    let result;
    try {
      result = await replayRun({ runId, ledger, workspace: createOverlayWorkspace({ base, policy: DEFAULT_EDIT_GUARD_POLICY }), logger });
    } catch (error) {
      if (isAosError(error, 'replay_refused')) throw new UsageError(error.message);
      throw error;
    }
    if (values.json) {
      out(
        JSON.stringify(
          {
            run_id: runId,
            base_sha: run.baseSha,
            matches: result.matches,
            original_final_state_hash: result.originalFinalStateHash,
            replay_final_state_hash: result.replayFinalStateHash,
            model_calls_replayed: result.modelCallsReplayed,
          },
          null,
          2,
        ),
      );
    } else if (result.matches) {
      out(
        `replay matches: final state hash ${result.replayFinalStateHash} (${result.modelCallsReplayed} model call(s) replayed, base ${run.baseSha.slice(0, 12)})`,
      );
    } else {
      out(
        `replay differs: recorded ${result.originalFinalStateHash}, replayed ${result.replayFinalStateHash} (${result.modelCallsReplayed} model call(s) replayed, base ${run.baseSha.slice(0, 12)})`,
      );
    }
    return result.matches ? 0 : 1;
  } finally {
    await backends.close();
  }
}
