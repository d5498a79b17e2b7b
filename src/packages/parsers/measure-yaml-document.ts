import { isAlias, isCollection, isPair } from 'yaml';
import { PARSE_LIMITS } from './parse-limits.ts';

/** The first node past a limit of `PARSE_LIMITS`, if any. */
export interface YamlMeasure {
  /** The first collection nested deeper than `maxDepth`. */
  tooDeep?: unknown;
  /** The alias that takes the document past `maxYamlAliases`. */
  excessAlias?: unknown;
}

/**
 * Walks a parsed YAML document with an explicit stack (a recursive walk would overflow on the
 * very documents it is meant to catch), counting nesting and aliases. yaml's own `maxAliasCount`
 * is counted per value built; this bounds the whole document, so an attacker cannot spread a
 * bomb over many entries.
 */
export function measureYamlDocument(contents: unknown): YamlMeasure {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: contents, depth: 1 }];
  let aliases = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, depth } = next;
    if (isAlias(node)) {
      aliases += 1;
      if (aliases > PARSE_LIMITS.maxYamlAliases) return { excessAlias: node };
    } else if (isPair(node)) {
      stack.push({ node: node.value, depth }, { node: node.key, depth });
    } else if (isCollection(node)) {
      if (depth > PARSE_LIMITS.maxDepth) return { tooDeep: node };
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return {};
}
