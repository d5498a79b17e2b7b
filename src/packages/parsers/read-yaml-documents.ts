import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { ParseProblem } from '../types.ts';
import { measureYamlDocument } from './measure-yaml-document.ts';
import { PARSE_LIMITS } from './parse-limits.ts';
import { yamlFlowTooDeep } from './yaml-flow-too-deep.ts';

/** One entry of a YAML mapping: its key, the key's 1-based line, and its value as plain data. */
export interface YamlEntry {
  key: string;
  line: number;
  value: unknown;
}

/** What sits at a path of a document, and the 1-based line where it starts. */
export interface YamlShape {
  kind: 'map' | 'seq' | 'scalar' | 'missing';
  line: number;
}

/** One YAML document, read with every scalar kept as a string (`1.10` stays `1.10`). */
export interface YamlDocumentView {
  /** The value at `path` as plain data; undefined when missing or unreadable. */
  get(path: readonly string[]): unknown;
  /** The entries of the mapping found at `path`; none when there is no mapping there. */
  entries(path: readonly string[]): YamlEntry[];
  /** What kind of node is at `path` (`[]`: the document itself). */
  shape(path: readonly string[]): YamlShape;
}

/**
 * Parses every document of a YAML stream (pnpm 9 may write two), keeping the line of each key
 * through one `LineCounter` over the whole text. Syntax errors (repeated keys included) become
 * problems with their line, and the rest is still returned. Flow nesting past
 * `PARSE_LIMITS.maxDepth` is refused before the parser sees it (the parser would exhaust memory);
 * a document nested deeper, with more than `PARSE_LIMITS.maxYamlAliases` aliases, or whose
 * aliases cannot be built (a missing anchor, an alias bomb) is a problem at its line and is not
 * read.
 */
export function readYamlDocuments(text: string, file: string): { documents: YamlDocumentView[]; problems: ParseProblem[] } {
  const lineCounter = new LineCounter();
  const problems: ParseProblem[] = [];
  const reported = new Set<string>();
  const report = (line: number, message: string): void => {
    if (reported.has(`${line}:${message}`)) return;
    reported.add(`${line}:${message}`);
    problems.push({ file, line, message: `invalid YAML: ${message}` });
  };
  const deepLine = yamlFlowTooDeep(text);
  if (deepLine !== undefined) {
    report(deepLine, `nested more than ${PARSE_LIMITS.maxDepth} levels deep`);
    return { documents: [], problems };
  }
  const lineOf = (node: unknown): number => (isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : 1);
  let parsed: Document.Parsed[] = [];
  try {
    parsed = parseAllDocuments(text, { lineCounter, schema: 'failsafe', logLevel: 'error', uniqueKeys: true }) as Document.Parsed[];
  } catch (error) {
    report(1, error instanceof Error ? error.message : String(error));
  }
  const documents: YamlDocumentView[] = [];
  for (const doc of parsed) {
    for (const error of doc.errors) {
      report(
        lineCounter.linePos(error.pos[0]).line,
        error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'syntax error',
      );
    }
    const measured = measureYamlDocument(doc);
    if (measured.tooDeep !== undefined) {
      report(lineOf(measured.tooDeep), `nested more than ${PARSE_LIMITS.maxDepth} levels deep`);
      continue;
    }
    if (measured.excessAlias !== undefined) {
      report(lineOf(measured.excessAlias), `more than ${PARSE_LIMITS.maxYamlAliases} aliases in one document (an alias bomb?)`);
      continue;
    }
    // Built once for the whole document, so every alias to an anchor shares one value: built entry
    // by entry, each alias would copy its anchor again, a hundredfold amplification of the file.
    let plain: unknown;
    try {
      plain = doc.toJS({ maxAliasCount: PARSE_LIMITS.maxYamlAliases });
    } catch (error) {
      report(lineOf(measured.aliasAt), error instanceof Error ? error.message : String(error));
      continue;
    }
    documents.push(viewOf(doc, plain, lineOf));
  }
  return { documents, problems };
}

/** The plain value at `path` under `root`, through objects only. */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path)
    value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function viewOf(doc: Document.Parsed, plain: unknown, lineOf: (node: unknown) => number): YamlDocumentView {
  const nodeAt = (path: readonly string[]): unknown => (path.length === 0 ? doc.contents : doc.getIn(path, true));
  return {
    get: (path) => valueAt(plain, path),
    entries: (path) => {
      const node = nodeAt(path);
      if (!isMap(node)) return [];
      const values = valueAt(plain, path);
      return node.items.map((pair) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        return { key, line: lineOf(pair.key), value: valueAt(values, [key]) };
      });
    },
    shape: (path) => {
      const node = nodeAt(path);
      const resolved = isAlias(node) ? node.resolve(doc) : node;
      const line = lineOf(node);
      if (isMap(resolved)) return { kind: 'map', line };
      if (isSeq(resolved)) return { kind: 'seq', line };
      // An empty value (`packages:` and nothing after it) is no value at all, whatever the schema makes of it.
      if (isScalar(resolved) && resolved.value !== null && resolved.source !== '') return { kind: 'scalar', line };
      return { kind: 'missing', line };
    },
  };
}
