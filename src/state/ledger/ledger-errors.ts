import { AosError } from '../../observability/aos-error.ts';

/** Replay met a missing or broken event: applying further would rebuild a state that never existed. */
export class LedgerReplayError extends AosError {
  readonly runId: string;
  readonly seq: number;
  constructor(runId: string, seq: number, why: string) {
    super('ledger_replay_broken', `cannot replay run ${runId} past event ${seq - 1}: ${why}`);
    this.runId = runId;
    this.seq = seq;
  }
}
