/** One stored ledger event. */
export interface LedgerEvent<P = unknown> {
  runId: string;
  seq: number;
  type: string;
  payload: P;
  prevHash: string;
  hash: string;
  /** ISO-8601 with milliseconds, UTC. */
  createdAt: string;
}

/** What verification found wrong with one chain. */
export interface LedgerProblem {
  runId: string;
  /** The sequence number where the chain breaks. */
  seq: number;
  kind: 'edited' | 'deleted' | 'reordered' | 'truncated';
  message: string;
}

/** The result of {@link Ledger.verifyLedgerIntegrity}. */
export interface LedgerVerification {
  ok: boolean;
  chains: number;
  events: number;
  problems: LedgerProblem[];
}
