import type { Logger } from '../observability/logger.ts';
import type { Router, RouteRequest } from '../llm/router.ts';
import type { Ledger } from '../state/ledger/ledger.ts';
import type { StateRepository } from '../state/state-repository.ts';
import type { DependencyVerifier, NodeContext, TestRunner } from './agent-context.ts';
import type { AgentState } from './agent-state.ts';
import { buildAgentGraph } from './build-agent-graph.ts';
import { createNodeLlm } from './create-node-llm.ts';
import { recordTools } from './record-tools.ts';
import { runGraph, type RunGraphOptions, type RunOutcome } from './graph/run-graph.ts';
import { restoreOverlay } from './restore-overlay.ts';
import { createResumingRouter } from './create-resuming-router.ts';
import { DEFAULT_MAX_TOOL_CALLS } from './agent-state.ts';
import { createToolExecutor, type RecordedToolCall } from './tools/create-tool-executor.ts';
import { runRepoTool } from './tools/run-repo-tool.ts';
import { DEFAULT_TOOL_LIMITS, type ToolLimits } from './tools/tool-limits.ts';
import { unfinishedNodeEvents } from './tools/unfinished-node-events.ts';
import type { Workspace } from './workspace-types.ts';

/** What one agent run needs. */
export interface RunAgentOptions {
  runId: string;
  initialState: AgentState;
  /** `coder` for a revision of an existing pull request; default the planner. */
  startAt?: 'planner' | 'coder';
  workspace: Workspace;
  router: Pick<Router, 'route'>;
  stateRepository: StateRepository;
  ledger: Ledger;
  logger: Logger;
  budget?: RouteRequest['budget'];
  dependencies?: DependencyVerifier;
  tests?: TestRunner;
  isCancelled?: () => Promise<boolean>;
  /** True when the tools given answer from a recording (replay): they are not recorded again. */
  replaying?: boolean;
  /**
   * Replay: the run's recorded repository-tool calls, answered in order instead of reading the
   * workspace (consumed as they are used).
   */
  recordedToolCalls?: RecordedToolCall[];
  /** Bounds of the read-only tools (the cap itself comes from the state's `maxToolCalls`). */
  toolLimits?: Omit<ToolLimits, 'maxCalls'>;
  onNodeCompleted?: RunGraphOptions<AgentState, NodeContext>['onNodeCompleted'];
}

/**
 * Runs (or resumes) the agent graph for one run. Before each node the workspace overlay is made
 * to match the checkpointed `changes`, so a run resumed in a new process sees the edits it made,
 * and the model and tool calls a crash interrupted mid-node are answered from the ledger rather
 * than made (and paid for) again. The planner and the coder get the read-only tools, recorded in
 * the ledger call by call.
 */
export async function runAgent(options: RunAgentOptions): Promise<RunOutcome<AgentState>> {
  const { graph } = buildAgentGraph();
  const given = { dependencies: options.dependencies, tests: options.tests };
  const sameChanges = (state: Readonly<AgentState>) => {
    const current = options.workspace.changedFiles();
    const wanted = Object.entries(state.changes);
    return current.size === wanted.length && wanted.every(([path, content]) => current.has(path) && current.get(path) === content);
  };
  // Only the first node this process runs can have been interrupted by a crash.
  let firstNode = true;
  const replayQueue = options.recordedToolCalls;
  return runGraph<AgentState, NodeContext>({
    graph,
    runId: options.runId,
    initialState: options.initialState,
    ...(options.startAt ? { startAt: options.startAt } : {}),
    stateRepository: options.stateRepository,
    ledger: options.ledger,
    logger: options.logger,
    ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}),
    ...(options.onNodeCompleted ? { onNodeCompleted: options.onNodeCompleted } : {}),
    async contextFor(node, _step, state, journal, logger) {
      if (!sameChanges(state)) await restoreOverlay(options.workspace, state.changes);
      // Results of tools outside the model go to the ledger too, so a replay can reuse them.
      const tools = options.replaying ? given : recordTools(journal, given);
      const unfinished = firstNode && !replayQueue ? unfinishedNodeEvents(await options.ledger.readEvents(options.runId)) : null;
      firstNode = false;
      const limits: ToolLimits = {
        ...DEFAULT_TOOL_LIMITS,
        ...options.toolLimits,
        maxCalls: state.settings.maxToolCalls ?? DEFAULT_MAX_TOOL_CALLS,
      };
      // Live tool calls go to the node's journal like its model calls; the tool loop flushes it after
      // each turn that asked for tools, so a crash mid-loop finds those turns in the ledger.
      const repoTools = replayQueue
        ? createToolExecutor({ node, limits, recorded: replayQueue })
        : createToolExecutor({
            node,
            limits,
            recorded: unfinished?.toolCalls ?? [],
            recordedCaps: unfinished?.caps ?? 0,
            live: (call) => runRepoTool(options.workspace, call, limits),
            record: journal.record,
            flush: journal.flush,
          });
      const { llm, usage } = createNodeLlm(createResumingRouter(options.router, unfinished?.modelCalls ?? []), {
        correlationId: options.runId,
        logger,
        ...(options.budget ? { budget: options.budget } : {}),
        record: journal.record,
        tools: repoTools,
      });
      const context: NodeContext = {
        runId: options.runId,
        llm,
        workspace: options.workspace,
        logger,
        ...(tools.dependencies ? { dependencies: tools.dependencies } : {}),
        ...(tools.tests ? { tests: tools.tests } : {}),
      };
      return { context, usage };
    },
  });
}
