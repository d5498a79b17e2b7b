import { hashCanonical } from '../../state/ledger/canonical-json.ts';
import { GENESIS_HASH, hashLedgerEvent } from '../../state/ledger/ledger-hash.ts';
import type { Ledger } from '../../state/ledger/ledger.ts';
import type { LedgerEvent } from '../../state/ledger/ledger-types.ts';
import type { StateRepository } from '../../state/state-repository.ts';

/**
 * A state repository and ledger that live in memory, for replay: it re-executes a run without
 * writing anything to the database the original run is recorded in.
 */
export function createMemoryStores(): { stateRepository: StateRepository; ledger: Ledger } {
  const states = new Map<string, string>();
  const chains = new Map<string, LedgerEvent[]>();
  const stateRepository: StateRepository = {
    async save(sessionId, payload) {
      const text = JSON.stringify(payload);
      states.set(sessionId, text);
      return { hash: hashCanonical(payload), version: states.size };
    },
    async get<T>(sessionId: string) {
      const text = states.get(sessionId);
      return text === undefined ? null : (JSON.parse(text) as T);
    },
    async delete(sessionId) {
      return states.delete(sessionId);
    },
    async flush() {},
    async verifyIntegrity() {
      return { checked: states.size, problems: [] };
    },
  };
  const ledger: Ledger = {
    async appendEvent<P>(runId: string, type: string, payload: P) {
      const chain = chains.get(runId) ?? [];
      const prevHash = chain.at(-1)?.hash ?? GENESIS_HASH;
      const fields = {
        runId,
        type,
        payload: JSON.parse(JSON.stringify(payload ?? null)) as P,
        prevHash,
        createdAt: new Date().toISOString(),
      };
      const event = { ...fields, seq: chain.length + 1, hash: hashLedgerEvent(fields) };
      chains.set(runId, [...chain, event]);
      return event;
    },
    async readEvents(runId) {
      return [...(chains.get(runId) ?? [])];
    },
    async verifyLedgerIntegrity() {
      return { ok: true, chains: chains.size, events: [...chains.values()].reduce((sum, chain) => sum + chain.length, 0), problems: [] };
    },
    async replayEvents(runId, _consumer, apply) {
      const events = chains.get(runId) ?? [];
      for (const event of events) await apply(event);
      return { applied: events.length, lastSeq: events.length };
    },
  };
  return { stateRepository, ledger };
}
