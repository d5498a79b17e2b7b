import { AosError } from '../observability/aos-error.ts';
import type { Router, RouteResult } from '../llm/router.ts';
import type { ProviderName, TaskType, ToolCall } from '../llm/types.ts';
import type { LedgerEvent } from '../state/ledger/ledger-types.ts';

interface RecordedCall {
  task: TaskType;
  provider: ProviderName;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cost_eur: number;
  response: { text: string; structured: unknown; finish_reason: string; tool_calls?: ToolCall[] };
}

/**
 * A router that answers from a run's recorded `model.call` events, in order, and never calls a
 * provider: replay re-executes the graph on exactly the answers the original run received.
 */
export function createReplayRouter(events: readonly LedgerEvent[]): Pick<Router, 'route'> {
  const recorded = events.filter((event) => event.type === 'model.call').map((event) => event.payload as RecordedCall);
  let next = 0;
  return {
    async route(task) {
      const call = recorded[next];
      if (!call)
        throw new AosError(
          'replay_exhausted',
          `replay asked for model call ${next + 1} (${task}) but the run recorded only ${recorded.length}`,
        );
      if (call.task !== task)
        throw new AosError(
          'replay_diverged',
          `replay diverged at model call ${next + 1}: the run recorded a ${call.task} call, replay asked for ${task}`,
        );
      next += 1;
      const result: RouteResult = {
        provider: call.provider,
        model: call.model,
        text: call.response.text,
        ...(call.response.structured === null ? {} : { structured: call.response.structured }),
        ...(call.response.tool_calls ? { toolCalls: call.response.tool_calls } : {}),
        usage: { inputTokens: call.input_tokens, outputTokens: call.output_tokens },
        finishReason: call.response.finish_reason,
        costEur: call.cost_eur,
        reservedEur: call.cost_eur,
        attempts: 1,
        latencyMs: 0,
        failoverPath: [],
      };
      return result;
    },
  };
}
