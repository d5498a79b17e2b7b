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
  onNodeCompleted?: RunGraphOptions<AgentState, NodeContext>['onNodeCompleted'];
}

/**
 * Runs (or resumes) the agent graph for one run. Before each node the workspace overlay is made
 * to match the checkpointed `changes`, so a run resumed in a new process sees the edits it made.
 */
export async function runAgent(options: RunAgentOptions): Promise<RunOutcome<AgentState>> {
  const { graph } = buildAgentGraph();
  const given = { dependencies: options.dependencies, tests: options.tests };
  const sameChanges = (state: Readonly<AgentState>) => {
    const current = options.workspace.changedFiles();
    const wanted = Object.entries(state.changes);
    return current.size === wanted.length && wanted.every(([path, content]) => current.has(path) && current.get(path) === content);
  };
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
    async contextFor(_node, _step, state, journal, logger) {
      if (!sameChanges(state)) await restoreOverlay(options.workspace, state.changes);
      // Results of tools outside the model go to the ledger too, so a replay can reuse them.
      const tools = options.replaying ? given : recordTools(journal, given);
      const { llm, usage } = createNodeLlm(options.router, {
        correlationId: options.runId,
        logger,
        ...(options.budget ? { budget: options.budget } : {}),
        record: journal.record,
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
