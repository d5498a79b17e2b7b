import YAML from 'yaml';
import { z } from 'zod';
import { parseYamlText } from '../../config/index.ts';
import { compileGraph } from './state-graph.ts';
import type { CompiledGraph, EdgeRouter, GraphDefinition, GraphNode } from './graph-types.ts';

const definitionSchema = z.strictObject({
  /** Graph name. */
  name: z.string().min(1).describe('Graph name.'),
  /** First node of every run. */
  entry: z.string().min(1).describe('First node of every run.'),
  /** Node names, in definition order. */
  nodes: z.array(z.string().min(1)).describe('Node names, in definition order.'),
  /** Unconditional edges. */
  edges: z.array(z.strictObject({ from: z.string(), to: z.string() })).describe('Unconditional edges.'),
  /** Conditional edges and the named router that chooses among their targets. */
  conditional_edges: z
    .array(z.strictObject({ from: z.string(), router: z.string(), targets: z.array(z.string()).min(1) }))
    .describe('Conditional edges and the named router that chooses among their targets.'),
});

/** Writes a graph's structure as YAML (implementations are named, not serialised). */
export function graphToYaml(definition: GraphDefinition): string {
  return YAML.stringify({
    name: definition.name,
    entry: definition.entry,
    nodes: definition.nodes,
    edges: definition.edges,
    conditional_edges: definition.conditionalEdges,
  });
}

/** Rebuilds a runnable graph from a YAML snapshot and the implementations it names. */
export function graphFromYaml<S, C>(
  yaml: string,
  implementations: { nodes: ReadonlyMap<string, GraphNode<S, C>>; routers: ReadonlyMap<string, EdgeRouter<S>> },
  label = 'graph snapshot',
): CompiledGraph<S, C> {
  const parsed = parseYamlText(yaml, definitionSchema, label);
  const definition: GraphDefinition = {
    name: parsed.name,
    entry: parsed.entry,
    nodes: parsed.nodes,
    edges: parsed.edges,
    conditionalEdges: parsed.conditional_edges,
  };
  return compileGraph(definition, implementations.nodes, implementations.routers);
}
