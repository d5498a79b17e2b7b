import type { LedgerEvent } from '../../state/ledger/ledger-types.ts';
import { TOOL_CALL_EVENT, TOOL_CAP_EVENT, type RecordedToolCall } from './create-tool-executor.ts';

// After these nothing of a node is pending: a node finished, or the run started, ended or was cancelled.
const RESTARTS = new Set(['node.completed', 'run.started', 'run.completed', 'run.cancelled']);

/** What a node that a crash interrupted had already done: its paid model calls and its tool calls. */
export interface UnfinishedNodeEvents {
  modelCalls: LedgerEvent[];
  toolCalls: RecordedToolCall[];
  caps: number;
}

/**
 * The events a run appended after its last finished node (or its start): the model calls and
 * tool calls of a node that was interrupted. Resuming the node answers those again from here, so
 * nothing paid for is asked (or paid) twice.
 */
export function unfinishedNodeEvents(events: readonly LedgerEvent[]): UnfinishedNodeEvents {
  let start = 0;
  events.forEach((event, index) => {
    if (RESTARTS.has(event.type)) start = index + 1;
  });
  const tail = events.slice(start);
  return {
    modelCalls: tail.filter((event) => event.type === 'model.call'),
    toolCalls: tail.filter((event) => event.type === TOOL_CALL_EVENT).map((event) => event.payload as RecordedToolCall),
    caps: tail.filter((event) => event.type === TOOL_CAP_EVENT).length,
  };
}
