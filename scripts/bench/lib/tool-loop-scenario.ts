/**
 * The tool-loop scenario of bench:graph: the same full loop as `full_loop_orchestration`, but the
 * planner makes five read-only tool calls (three read_file, two search), one per turn, before it
 * answers. The model is still instant, so the difference is what aos adds per tool turn: routing,
 * budget reserve and settle, the ledger events of the call and the tool, and the tool itself.
 */
import { initialAgentState } from '../../../src/agents/agent-state.ts';
import { runAgent } from '../../../src/agents/run-agent.ts';
import type { WorkspaceBase } from '../../../src/agents/workspace-types.ts';
import type { AosConfig } from '../../../src/config/index.ts';
import { createResidencyCheck } from '../../../src/llm/create-residency-check.ts';
import { createRouter } from '../../../src/llm/router.ts';
import type { LlmProvider, ProviderName, ToolCall } from '../../../src/llm/types.ts';
import type { Logger } from '../../../src/observability/logger.ts';
import { DEFAULT_EDIT_GUARD_POLICY } from '../../../src/policy/edit-guard/index.ts';
import type { BudgetGuardian } from '../../../src/state/budget/budget-guardian.ts';
import type { Ledger } from '../../../src/state/ledger/ledger.ts';
import type { StateRepository } from '../../../src/state/state-repository.ts';
import { createOverlayWorkspace } from '../../../src/workspace/create-overlay-workspace.ts';
import { FIXTURE_TASK } from '../../../test/helpers/agent-fixture.ts';
import { timeMs } from './percentiles.ts';

/** The operation names of the scenario's rows in metrics/performance/graph_latency.csv. */
export const TOOL_LOOP_OPERATION = 'full_loop_with_5_tool_calls';
/** Per pair of runs taken back to back: the loop with five tool calls minus the same loop without. */
export const TOOL_OVERHEAD_OPERATION = 'overhead_of_5_tool_calls';

/** The tool calls the planner makes, in order, one per turn. */
const PLANNER_TOOL_CALLS: ReadonlyArray<Omit<ToolCall, 'id'>> = [
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

/** What the scenario runs on: the bench's own stores, base and instant model. */
export interface ToolLoopBenchDeps {
  config: AosConfig;
  ledger: Ledger;
  stateRepository: StateRepository;
  guardian: BudgetGuardian;
  logger: Logger;
  base: WorkspaceBase;
  instantModel: LlmProvider;
}

/**
 * Runs the loop with five planner tool calls and the same loop without tools, back to back,
 * `runs` times after `warmup` unmeasured pairs, and returns the latencies in ms of the tool loop
 * and, per pair, how much longer it took: on a shared machine the pair sees the same load, so the
 * difference is the overhead of the five calls. Each tool run is checked: it must end ready with
 * five tool calls in its ledger, or the figure would not be of this scenario.
 */
export async function measureToolLoop(
  deps: ToolLoopBenchDeps,
  runs: number,
  warmup: number,
): Promise<{ withTools: number[]; overhead: number[] }> {
  const routerWith = (model: LlmProvider) =>
    createRouter({
      config: deps.config,
      providers: new Map<ProviderName, LlmProvider>([['local', model]]),
      guardian: deps.guardian,
      residency: createResidencyCheck(deps.config),
      ledger: deps.ledger,
      logger: deps.logger,
    });
  const toolRouter = routerWith(withPlannerToolCalls(deps.instantModel));
  const plainRouter = routerWith(deps.instantModel);
  const withTools: number[] = [];
  const overhead: number[] = [];
  for (let i = 0; i < runs + warmup; i += 1) {
    const plain = await timeLoop(deps, plainRouter, `bench-graph-plain-${i}`, 0);
    const tools = await timeLoop(deps, toolRouter, `bench-graph-tools-${i}`, PLANNER_TOOL_CALLS.length);
    if (i < warmup) continue;
    withTools.push(tools);
    overhead.push(tools - plain);
  }
  return { withTools, overhead };
}

/** One full loop, timed, checked to end ready with the expected number of tool calls. */
async function timeLoop(deps: ToolLoopBenchDeps, router: ReturnType<typeof createRouter>, runId: string, expectedToolCalls: number) {
  let verdict = '';
  const ms = await timeMs(async () => {
    const outcome = await runAgent({
      runId,
      initialState: initialAgentState(FIXTURE_TASK),
      workspace: createOverlayWorkspace({ base: deps.base, policy: DEFAULT_EDIT_GUARD_POLICY }),
      router,
      stateRepository: deps.stateRepository,
      ledger: deps.ledger,
      logger: deps.logger,
      budget: { runId },
    });
    verdict = outcome.state.approval?.verdict ?? 'none';
  });
  const toolCalls = (await deps.ledger.readEvents(runId)).filter((event) => event.type === 'tool.call').length;
  if (verdict !== 'ready' || toolCalls !== expectedToolCalls)
    throw new Error(`benchmark run ${runId} ended ${verdict} with ${toolCalls} tool calls: not the scenario to measure`);
  return ms;
}
