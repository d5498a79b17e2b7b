import { describe, expect, it } from 'vitest';
import { hashCanonical } from '#src/state/ledger/canonical-json.ts';
import { GENESIS_HASH, hashLedgerEvent, ledgerHashParts } from '#src/state/ledger/ledger-hash.ts';

describe('ledger hash', () => {
  const fields = {
    runId: 'run-"q"-ü',
    type: 'node.completed',
    payload: { z: 1, a: ['x', { b: null }], ключ: 'значение' },
    createdAt: '2026-11-22T04:00:00.000Z',
  };

  it('equals the hash of the canonical event, so PostgreSQL and Node compute the same value', () => {
    const expected = hashCanonical({
      created_at: fields.createdAt,
      payload: fields.payload,
      prev_hash: GENESIS_HASH,
      run_id: fields.runId,
      type: fields.type,
    });
    expect(hashLedgerEvent({ ...fields, prevHash: GENESIS_HASH })).toBe(expected);
    const { prefix, suffix } = ledgerHashParts(fields);
    expect(JSON.parse(`${prefix}${GENESIS_HASH}${suffix}`)).toEqual({
      created_at: fields.createdAt,
      payload: fields.payload,
      prev_hash: GENESIS_HASH,
      run_id: fields.runId,
      type: fields.type,
    });
  });

  it('changes when the predecessor changes', () => {
    expect(hashLedgerEvent({ ...fields, prevHash: GENESIS_HASH })).not.toBe(hashLedgerEvent({ ...fields, prevHash: 'f'.repeat(64) }));
  });
});
