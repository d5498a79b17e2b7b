import { AosError } from '../observability/aos-error.ts';
import type { NodeContext } from './agent-context.ts';
import type { AgentState } from './agent-state.ts';
import { createStateGraph } from './graph/state-graph.ts';
import { END, type GraphNode } from './graph/graph-types.ts';
import { approverNode } from './nodes/decide-approval.ts';
import { coderNode } from './nodes/coder-node.ts';
import { criticNode } from './nodes/critic-node.ts';
import { plannerNode } from './nodes/planner-node.ts';
import { qaNode } from './nodes/qa-node.ts';

/**
 * Expected ends of a run that are not bugs: the model's answer stayed invalid, it refused, the
 * budget or residency refused the call, no provider could answer, or the model kept calling tools
 * past its cap. The run records the reason
 * and goes to the approver, which reports it; anything else is a crash and propagates.
 */
const EXPECTED_FAILURES = new Set([
  'invalid_model_output',
  'budget_exceeded',
  'residency_violation',
  'no_provider_available',
  'provider_refusal',
  'provider_auth',
  'provider_bad_request',
  'provider_not_found',
  'provider_invalid_output',
  'provider_invalid_usage',
  'tool_cap_reached',
]);

function recordingFailures(node: GraphNode<AgentState, NodeContext>): GraphNode<AgentState, NodeContext> {
  return async (state, context) => {
    try {
      return await node(state, context);
    } catch (error) {
      if (error instanceof AosError && EXPECTED_FAILURES.has(error.code)) return { failure: { code: error.code, message: error.message } };
      throw error;
    }
  };
}

/** The routers, by name, so a YAML snapshot of the graph can be rebuilt with the same logic. */
export const agentRouters = {
  after_planner: (state: Readonly<AgentState>) => (state.failure ? 'approver' : state.settings.dryRun ? END : 'coder'),
  after_coder: (state: Readonly<AgentState>) => (state.failure ? 'approver' : 'critic'),
  after_critic: (state: Readonly<AgentState>) => {
    if (state.failure) return 'approver';
    const refused = state.editFailures.some((failure) => failure.rule);
    const loopsSoFar = state.iteration - 1;
    return state.critic?.verdict === 'revise' && !refused && loopsSoFar < state.settings.maxIterations ? 'coder' : 'qa';
  },
} as const;

/**
 * planner → coder → critic ⇄ coder → qa → approver → END. The critic sends the change back to the
 * coder at most `maxIterations` times; a refused edit ends the loop (policy is not negotiated);
 * a dry run stops after the plan; an expected failure goes straight to the approver.
 */
export function buildAgentGraph() {
  const builder = createStateGraph<AgentState, NodeContext>('aos-agent')
    .addNode('planner', recordingFailures(plannerNode))
    .addNode('coder', recordingFailures(coderNode))
    .addNode('critic', recordingFailures(criticNode))
    .addNode('qa', recordingFailures(qaNode))
    .addNode('approver', approverNode)
    .setEntryPoint('planner')
    .addConditionalEdges('planner', 'after_planner', agentRouters.after_planner, ['coder', 'approver', END])
    .addConditionalEdges('coder', 'after_coder', agentRouters.after_coder, ['critic', 'approver'])
    .addConditionalEdges('critic', 'after_critic', agentRouters.after_critic, ['coder', 'qa', 'approver'])
    .addEdge('qa', 'approver')
    .addEdge('approver', END);
  return { graph: builder.compile(), implementations: builder.implementations() };
}
