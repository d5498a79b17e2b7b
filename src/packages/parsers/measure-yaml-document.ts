import { isAlias, isCollection, isPair, type Document } from 'yaml';
import { PARSE_LIMITS } from './parse-limits.ts';

/** The nodes of a document that go past a limit of `PARSE_LIMITS`, or that its aliases fail at. */
export interface YamlMeasure {
  /** The first collection nested deeper than `maxDepth`. */
  tooDeep?: unknown;
  /** The alias that takes the document past `maxYamlAliases`. */
  excessAlias?: unknown;
  /** Where building the document's aliases failed, if it does: the first alias to a missing anchor, else the first alias. */
  aliasAt?: unknown;
}

/**
 * Walks a parsed YAML document in document order with an explicit stack (a recursive walk would
 * overflow on the very documents it is meant to catch), counting nesting and aliases. yaml's own
 * `maxAliasCount` is counted per value built; this bounds the whole document.
 */
export function measureYamlDocument(doc: Document.Parsed): YamlMeasure {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 1 }];
  let aliases = 0;
  let first: unknown;
  let broken: unknown;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, depth } = next;
    if (isAlias(node)) {
      aliases += 1;
      first ??= node;
      if (broken === undefined && node.resolve(doc) === undefined) broken = node;
      if (aliases > PARSE_LIMITS.maxYamlAliases) return { excessAlias: node };
    } else if (isPair(node)) {
      stack.push({ node: node.value, depth }, { node: node.key, depth });
    } else if (isCollection(node)) {
      if (depth > PARSE_LIMITS.maxDepth) return { tooDeep: node };
      for (let index = node.items.length - 1; index >= 0; index -= 1) stack.push({ node: node.items[index], depth: depth + 1 });
    }
  }
  const aliasAt = broken ?? first;
  return aliasAt === undefined ? {} : { aliasAt };
}
