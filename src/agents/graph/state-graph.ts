import { AosError } from '../../observability/aos-error.ts';
import { END, type CompiledGraph, type EdgeRouter, type GraphDefinition, type GraphNode } from './graph-types.ts';

/**
 * Builds a typed state graph: nodes, plain edges, conditional edges with named routers, an entry
 * point, and END. `compile` checks the graph is whole (every edge's ends exist, every node has
 * exactly one way out, the entry exists) so a broken graph fails at start-up, not mid-run.
 */
export function createStateGraph<S, C>(name: string) {
  const nodes = new Map<string, GraphNode<S, C>>();
  const routers = new Map<string, EdgeRouter<S>>();
  const definition: GraphDefinition = { name, entry: '', nodes: [], edges: [], conditionalEdges: [] };

  const builder = {
    addNode(nodeName: string, implementation: GraphNode<S, C>) {
      if (nodeName === END || nodes.has(nodeName))
        throw new AosError('graph_invalid', `graph ${name}: node name "${nodeName}" is reserved or used twice`);
      nodes.set(nodeName, implementation);
      definition.nodes.push(nodeName);
      return builder;
    },
    addEdge(from: string, to: string) {
      definition.edges.push({ from, to });
      return builder;
    },
    /** `routerName` identifies the router in the YAML snapshot; `targets` lists every node it may return. */
    addConditionalEdges(from: string, routerName: string, router: EdgeRouter<S>, targets: string[]) {
      routers.set(routerName, router);
      definition.conditionalEdges.push({ from, router: routerName, targets });
      return builder;
    },
    setEntryPoint(nodeName: string) {
      definition.entry = nodeName;
      return builder;
    },
    compile(): CompiledGraph<S, C> {
      return compileGraph(definition, nodes, routers);
    },
    /** The node and router implementations, for rebuilding from a YAML snapshot. */
    implementations: () => ({ nodes: new Map(nodes), routers: new Map(routers) }),
  };
  return builder;
}

/** Validates a definition against implementations and returns the runnable graph. */
export function compileGraph<S, C>(
  definition: GraphDefinition,
  nodes: ReadonlyMap<string, GraphNode<S, C>>,
  routers: ReadonlyMap<string, EdgeRouter<S>>,
): CompiledGraph<S, C> {
  const fail = (problem: string) => new AosError('graph_invalid', `graph ${definition.name}: ${problem}`);
  const known = new Set(definition.nodes);
  if (!known.has(definition.entry)) throw fail(`entry point "${definition.entry}" is not a node`);
  for (const nodeName of definition.nodes) if (!nodes.has(nodeName)) throw fail(`node "${nodeName}" has no implementation`);
  const exits = new Map<string, number>();
  for (const edge of definition.edges) {
    if (!known.has(edge.from) || (edge.to !== END && !known.has(edge.to)))
      throw fail(`edge ${edge.from} → ${edge.to} names an unknown node`);
    exits.set(edge.from, (exits.get(edge.from) ?? 0) + 1);
  }
  for (const edge of definition.conditionalEdges) {
    if (!known.has(edge.from)) throw fail(`conditional edge from unknown node "${edge.from}"`);
    if (!routers.has(edge.router)) throw fail(`conditional edge from ${edge.from} names unknown router "${edge.router}"`);
    for (const target of edge.targets)
      if (target !== END && !known.has(target)) throw fail(`router ${edge.router} may go to unknown node "${target}"`);
    exits.set(edge.from, (exits.get(edge.from) ?? 0) + 1);
  }
  for (const nodeName of definition.nodes) {
    if (exits.get(nodeName) !== 1) throw fail(`node "${nodeName}" must have exactly one outgoing edge (has ${exits.get(nodeName) ?? 0})`);
  }
  return {
    definition,
    node: (nodeName) => {
      const implementation = nodes.get(nodeName);
      if (!implementation) throw fail(`no node "${nodeName}"`);
      return implementation;
    },
    next(from, state) {
      const plain = definition.edges.find((edge) => edge.from === from);
      if (plain) return plain.to;
      const conditional = definition.conditionalEdges.find((edge) => edge.from === from)!;
      const target = routers.get(conditional.router)!(state);
      if (!conditional.targets.includes(target))
        throw fail(`router ${conditional.router} returned "${target}", not one of ${conditional.targets.join(', ')}`);
      return target;
    },
  };
}
