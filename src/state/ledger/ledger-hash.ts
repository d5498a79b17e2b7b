import { canonicalJson, sha256Hex } from './canonical-json.ts';

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
 * The canonical JSON of an event's hashed fields, split around the predecessor's hash:
 * `prefix + prevHash + suffix` is exactly `canonicalJson({created_at, payload, prev_hash, run_id, type})`.
 * The split lets PostgreSQL finish the hash inside the statement that locks the chain head, so an
 * append is one round trip however many writers queue on the chain.
 */
export function ledgerHashParts(fields: Omit<HashedEventFields, 'prevHash'>): { prefix: string; suffix: string } {
  return ledgerHashPartsOfText({
    runId: fields.runId,
    type: fields.type,
    payloadText: canonicalJson(fields.payload),
    createdAt: fields.createdAt,
  });
}

/** {@link ledgerHashParts} of a payload already in canonical JSON, so it is not serialised again. */
export function ledgerHashPartsOfText(fields: { runId: string; type: string; payloadText: string; createdAt: string }): {
  prefix: string;
  suffix: string;
} {
  return {
    prefix: `{"created_at":${JSON.stringify(fields.createdAt)},"payload":${fields.payloadText},"prev_hash":"`,
    suffix: `","run_id":${JSON.stringify(fields.runId)},"type":${JSON.stringify(fields.type)}}`,
  };
}

/**
 * The hash of one event. It covers the predecessor's hash, so a chain fixes its own order; the
 * sequence number is deliberately left out so that rows moved to other positions are recognised
 * as reordered (their own hashes still match) rather than reported as edited.
 */
export function hashLedgerEvent(fields: HashedEventFields): string {
  const { prefix, suffix } = ledgerHashParts(fields);
  return sha256Hex(`${prefix}${fields.prevHash}${suffix}`);
}
