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
    async save(sessionId, payload, options = {}) {
      const text = JSON.stringify(payload);
      states.set(sessionId, text);
      if (options.events) await options.events.ledger.appendEvents(options.events.runId, options.events.events);
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
  const append = <P>(runId: string, type: string, payload: P, createdAt: Date | string = new Date()) => {
    const chain = chains.get(runId) ?? [];
    const prevHash = chain.at(-1)?.hash ?? GENESIS_HASH;
    const fields = {
      runId,
      type,
      payload: JSON.parse(JSON.stringify(payload ?? null)) as P,
      prevHash,
      createdAt: new Date(createdAt).toISOString(),
    };
    const event = { ...fields, seq: chain.length + 1, hash: hashLedgerEvent(fields) };
    chains.set(runId, [...chain, event]);
    return event;
  };
  const ledger: Ledger = {
    async appendEvent<P>(runId: string, type: string, payload: P) {
      return append(runId, type, payload);
    },
    // Memory has no statement to splice a checkpoint into: the memory state repository saves its own.
    async appendEvents(runId, events) {
      return { events: events.map((event) => append(runId, event.type, event.payload, event.createdAt)), result: undefined };
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
