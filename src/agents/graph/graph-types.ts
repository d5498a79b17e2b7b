/** The name of the end of a graph. */
export const END = '__end__';

/** A node: reads the state, returns the fields it changes. */
export type GraphNode<S, C> = (state: Readonly<S>, context: C) => Promise<Partial<S>>;

/** Picks the next node from the state after a node has run. Pure. */
export type EdgeRouter<S> = (state: Readonly<S>) => string;

/** The serialisable shape of a graph: what the YAML snapshot holds. */
export interface GraphDefinition {
  name: string;
  entry: string;
  nodes: string[];
  edges: Array<{ from: string; to: string }>;
  /** Conditional edges name their router, so a snapshot can be rebuilt with the same logic. */
  conditionalEdges: Array<{ from: string; router: string; targets: string[] }>;
}

/** A graph ready to run: its definition and the implementations it names. */
export interface CompiledGraph<S, C> {
  definition: GraphDefinition;
  node(name: string): GraphNode<S, C>;
  /** The node after `from` for this state, or END. */
  next(from: string, state: Readonly<S>): string;
}
