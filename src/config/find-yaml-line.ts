import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { YamlSource } from './parse-yaml-document.ts';

/**
 * The 1-based line of the deepest node along `segments` that exists in the document: the key's
 * line for a mapping entry, the item's line for a sequence entry. A key that is missing is
 * reported at its parent's key, which is where the operator has to add it; undefined when not
 * even the first segment exists. With `exact`, undefined unless the whole path exists.
 */
export function findYamlLine(source: YamlSource, segments: readonly PropertyKey[], options: { exact?: boolean } = {}): number | undefined {
  const { doc, lineCounter } = source;
  let node: unknown = doc.contents;
  let line: number | undefined;
  const stop = (): number | undefined => (options.exact ? undefined : line);
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment));
      if (!pair) return stop();
      const at = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : undefined;
      if (at !== undefined) line = lineCounter.linePos(at).line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      const range = isScalar(item) || isMap(item) || isSeq(item) || isAlias(item) ? item.range : undefined;
      if (!range) return stop();
      line = lineCounter.linePos(range[0]).line;
      node = item;
    } else {
      return stop();
    }
  }
  return line;
}
