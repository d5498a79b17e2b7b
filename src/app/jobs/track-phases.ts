import type { PhaseNode, PhaseState } from '../github/status-comment.ts';

const NODES: PhaseNode[] = ['planner', 'coder', 'critic', 'qa', 'approver'];

/** The phase checklist of a run's status comment, from the nodes that finished and the one running. */
export function phaseChecklist(
  completed: readonly string[],
  running: string | null,
  outcome: 'running' | 'done' | 'failed' = 'running',
): Array<{ node: PhaseNode; state: PhaseState }> {
  return NODES.map((node) => {
    if (completed.includes(node)) return { node, state: 'done' };
    if (node === running) return { node, state: outcome === 'failed' ? 'failed' : 'running' };
    return { node, state: outcome === 'running' ? 'pending' : 'skipped' };
  });
}
