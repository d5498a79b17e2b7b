/**
 * The tool-loop scenario of bench:graph: the same full loop as `full_loop_orchestration`, but the
 * planner makes five read-only tool calls (three read_file, two search), one per turn, before it
 * answers. The model is still instant, so the difference is what aos adds per tool turn: routing,
 * budget reserve and settle, the ledger events of the call and the tool (flushed after each
 * turn), and the tool itself.
 */
import type { LlmProvider, ToolCall } from '../../../src/llm/types.ts';

/** The operation names of the scenario's rows in metrics/performance/graph_latency.csv. */
export const TOOL_LOOP_OPERATION = 'full_loop_with_5_tool_calls';
/** Per pair of runs taken back to back: the loop with five tool calls minus the same loop without. */
export const TOOL_OVERHEAD_OPERATION = 'overhead_of_5_tool_calls';

/** The tool calls the planner makes, in order, one per turn. */
export const PLANNER_TOOL_CALLS: ReadonlyArray<Omit<ToolCall, 'id'>> = [
  { name: 'search', arguments: { pattern: 'add(' } },
  { name: 'read_file', arguments: { path: 'src/index.ts' } },
  { name: 'search', arguments: { pattern: 'return a [-+] b', regex: true, path_glob: 'src/**' } },
  { name: 'read_file', arguments: { path: 'README.md' } },
  { name: 'read_file', arguments: { path: 'src/math.ts', start_line: 1, end_line: 3 } },
];

/** An instant model that has the planner call the tools above before answering as `answer` does. */
export function withPlannerToolCalls(answer: LlmProvider): LlmProvider {
  return {
    ...answer,
    async complete(request) {
      const made = request.messages.filter((message) => message.role === 'tool').length;
      const next = PLANNER_TOOL_CALLS[made];
      if (request.schema?.name !== 'plan' || !next || request.toolChoice === 'none') return answer.complete(request);
      return {
        provider: answer.name,
        model: request.model,
        text: '',
        toolCalls: [{ id: `bench_${made + 1}`, ...next }],
        usage: { inputTokens: 1200, outputTokens: 40 },
        finishReason: 'tool_calls',
      };
    },
  };
}
