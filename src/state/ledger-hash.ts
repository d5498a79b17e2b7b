import { hashCanonical } from './canonical-json.ts';

/** The `prev_hash` of the first event of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The parts of a ledger event its hash covers. */
export interface HashedEventFields {
  runId: string;
  type: string;
  payload: unknown;
  prevHash: string;
  createdAt: string;
}

/**
 * The hash of one event. It covers the predecessor's hash, so a chain fixes its own order; the
 * sequence number is deliberately left out so that rows moved to other positions are recognised
 * as reordered (their own hashes still match) rather than reported as edited.
 */
export function hashLedgerEvent(fields: HashedEventFields): string {
  return hashCanonical({
    created_at: fields.createdAt,
    payload: fields.payload,
    prev_hash: fields.prevHash,
    run_id: fields.runId,
    type: fields.type,
  });
}
