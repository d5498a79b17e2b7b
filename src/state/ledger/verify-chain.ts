import { GENESIS_HASH, hashLedgerEvent } from './ledger-hash.ts';
import type { LedgerEvent, LedgerProblem } from './ledger-types.ts';

/**
 * Checks one run's events (sorted by seq) against their own hashes, their links, and the recorded
 * head of the chain. Pure: the caller fetches, this decides.
 */
export function verifyChain(
  runId: string,
  events: ReadonlyArray<LedgerEvent>,
  head: { lastSeq: number; lastHash: string } | undefined,
): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  const positionOfHash = new Map(events.map((event, index) => [event.hash, index]));
  let previous: LedgerEvent | undefined;
  for (const [index, event] of events.entries()) {
    const expectedSeq = previous ? previous.seq + 1 : 1;
    const expectedPrev = previous ? previous.hash : GENESIS_HASH;
    const ownHashOk = hashLedgerEvent(event) === event.hash;
    if (event.seq !== expectedSeq) {
      problems.push({
        runId,
        seq: expectedSeq,
        kind: 'deleted',
        message: `events ${expectedSeq}${event.seq - 1 > expectedSeq ? `–${event.seq - 1}` : ''} of run ${runId} are missing`,
      });
    } else if (!ownHashOk) {
      problems.push({
        runId,
        seq: event.seq,
        kind: 'edited',
        message: `event ${event.seq} (${event.type}) of run ${runId} was changed after it was written: its content no longer matches its hash`,
      });
    } else if (event.prevHash !== expectedPrev) {
      const realPosition = event.prevHash === GENESIS_HASH ? -1 : positionOfHash.get(event.prevHash);
      const moved = realPosition !== undefined && realPosition !== index - 1;
      problems.push(
        moved
          ? {
              runId,
              seq: event.seq,
              kind: 'reordered',
              message: `event ${event.seq} (${event.type}) of run ${runId} is out of order: ${realPosition === -1 ? 'it was written as the first event' : `it was written to follow the event now at ${events[realPosition]!.seq}`}`,
            }
          : {
              runId,
              seq: event.seq,
              kind: 'edited',
              message: `event ${event.seq} (${event.type}) of run ${runId} does not link to event ${expectedSeq - 1}: an event before it was changed or replaced`,
            },
      );
    }
    previous = event;
  }
  const last = events.at(-1);
  if (head && (!last || head.lastSeq > last.seq)) {
    problems.push({
      runId,
      seq: (last?.seq ?? 0) + 1,
      kind: 'truncated',
      message: `run ${runId} recorded ${head.lastSeq} events but only ${last?.seq ?? 0} remain: the end of the chain was deleted`,
    });
  } else if (head && last && head.lastSeq === last.seq && head.lastHash !== last.hash && problems.length === 0) {
    problems.push({
      runId,
      seq: last.seq,
      kind: 'edited',
      message: `the last event of run ${runId} differs from the recorded head of the chain`,
    });
  }
  return problems;
}
