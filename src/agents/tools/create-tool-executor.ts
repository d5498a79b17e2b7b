import type { ToolCall } from '../../llm/types.ts';
import { AosError } from '../../observability/aos-error.ts';
import { hashCanonical } from '../../state/ledger/canonical-json.ts';
import { boundToolResult } from './bound-tool-result.ts';
import type { ToolLimits } from './tool-limits.ts';

/** Ledger event of one tool call and the result the model was given. */
export const TOOL_CALL_EVENT = 'tool.call';
/** Ledger event of a node reaching its tool-call cap. */
export const TOOL_CAP_EVENT = 'tool.cap_reached';

/** The payload of a `tool.call` event. */
export interface RecordedToolCall {
  node: string;
  call_id: string;
  name: string;
  arguments: Record<string, unknown>;
  /** Exactly what the model was given (sanitized, bounded, in its data block). */
  content: string;
  bytes: number;
  truncated: boolean;
}

/** Runs a node's tool calls, recording each, or answers them from a recording. */
export interface ToolExecutor {
  limits: ToolLimits;
  /** The result for a call; `refusal` answers it with that sentence instead of running it (and it does not count). */
  execute(call: ToolCall, refusal?: string): Promise<string>;
  /** Tool calls the node has made so far (refused ones not counted): the cap is per node, across its model calls. */
  callsMade(): number;
  /** Records that the node reached its cap, with the reason (once, also across a resume). */
  capReached(message: string): Promise<void>;
  /** Writes what the node recorded so far to the ledger now (a no-op without `flush`, as in replay). */
  flush(): Promise<void>;
}

/** Options of {@link createToolExecutor}. */
export interface ToolExecutorOptions {
  node: string;
  limits: ToolLimits;
  /** Results recorded before (a replay, or the calls of a node a crash interrupted): used first, in order, and consumed. */
  recorded: RecordedToolCall[];
  /** Cap events already recorded for this node attempt (a resume does not record it again). */
  recordedCaps?: number;
  /** Runs a call for real (absent in replay: the repository is not touched). */
  live?: (call: ToolCall) => Promise<string>;
  /** Records an event for the run's ledger, e.g. into the node's journal (absent in replay). */
  record?: (type: string, payload: Record<string, unknown>) => Promise<void>;
  /** Appends what was recorded so far to the ledger at once (the node's journal's flush). */
  flush?: () => Promise<void>;
}

/**
 * The tool executor of one node. Each live result is sanitized and bounded (`maxResultBytes`, and
 * what is left of `maxNodeBytes`; past that a call is refused) and recorded before the model sees
 * it, and the tool loop flushes the records to the ledger before its next paid model call, so
 * replay, and a resume after a crash mid-loop, give the model the very same text without reading
 * the repository again. A recorded call that does not match the one asked
 * for (name, arguments) is a divergence, not something to paper over.
 */
export function createToolExecutor(options: ToolExecutorOptions): ToolExecutor {
  const { limits, recorded, node } = options;
  let used = 0;
  let calls = 0;
  let caps = options.recordedCaps ?? 0;
  return {
    limits,
    callsMade: () => calls,
    async execute(call, refusal) {
      if (refusal === undefined) calls += 1;
      const replayed = recorded.shift();
      if (replayed) {
        if (replayed.node !== node || replayed.name !== call.name || hashCanonical(replayed.arguments) !== hashCanonical(call.arguments))
          throw new AosError(
            'replay_diverged',
            `replay diverged at a tool call of the ${node}: the run recorded ${replayed.name} of the ${replayed.node}, replay asked for ${call.name}${replayed.name === call.name ? ' with other arguments' : ''}`,
          );
        used += replayed.bytes;
        return replayed.content;
      }
      if (!options.live)
        throw new AosError('replay_exhausted', `replay asked for a ${call.name} call of the ${node} the run did not record`);
      const left = limits.maxNodeBytes - used;
      const refused =
        refusal ??
        (left <= 0
          ? `refused: this step has used all ${limits.maxNodeBytes} bytes of tool results it may; answer with what you have`
          : null);
      // A refusal is one short sentence and always shown; a real result gets what is left of the node's bytes.
      const bounded =
        refused === null
          ? boundToolResult(call.name, await options.live(call), Math.min(limits.maxResultBytes, left))
          : boundToolResult(call.name, refused, limits.maxResultBytes);
      used += bounded.bytes;
      const event: RecordedToolCall = {
        node,
        call_id: call.id,
        name: call.name,
        arguments: call.arguments,
        content: bounded.content,
        bytes: bounded.bytes,
        truncated: bounded.truncated,
      };
      await options.record?.(TOOL_CALL_EVENT, { ...event });
      return bounded.content;
    },
    async capReached(message) {
      if (caps > 0) {
        caps -= 1;
        return;
      }
      await options.record?.(TOOL_CAP_EVENT, { node, max_calls: limits.maxCalls, message });
    },
    async flush() {
      await options.flush?.();
    },
  };
}
