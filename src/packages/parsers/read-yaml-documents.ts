import { isMap, isNode, isScalar, LineCounter, parseAllDocuments } from 'yaml';
import type { ParseProblem } from '../types.ts';

/** One entry of a YAML mapping: its key, the key's 1-based line, and its value as plain data. */
export interface YamlEntry {
  key: string;
  line: number;
  value: unknown;
}

/** One YAML document, read with every scalar kept as a string (`1.10` stays `1.10`). */
export interface YamlDocumentView {
  /** The value at `path` as plain data; undefined when missing or unreadable. */
  get(path: readonly string[]): unknown;
  /** The entries of the mapping found at `path`; none when there is no mapping there. */
  entries(path: readonly string[]): YamlEntry[];
}

/**
 * Parses every document of a YAML stream (pnpm 9 may write two), keeping the line of each key
 * through one `LineCounter` over the whole text. Syntax errors, and values that cannot be built
 * (an alias to a missing anchor), become problems with their line; the rest is still returned.
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
  const lineOf = (node: unknown): number => (isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : 1);
  const documents: YamlDocumentView[] = [];
  let parsed: ReturnType<typeof parseAllDocuments> = [];
  try {
    parsed = parseAllDocuments(text, { lineCounter, schema: 'failsafe', logLevel: 'error' });
  } catch (error) {
    report(1, error instanceof Error ? error.message : String(error));
  }
  for (const doc of parsed) {
    for (const error of doc.errors) {
      report(lineCounter.linePos(error.pos[0]).line, error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'syntax error');
    }
    const toPlain = (node: unknown, line: number): unknown => {
      if (!isNode(node)) return node;
      try {
        return node.toJS(doc);
      } catch (error) {
        report(line, error instanceof Error ? error.message : String(error));
        return undefined;
      }
    };
    documents.push({
      get: (path) => {
        const node: unknown = doc.getIn(path, true);
        return toPlain(node, lineOf(node));
      },
      entries: (path) => {
        const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
        if (!isMap(node)) return [];
        return node.items.map((pair) => {
          const line = lineOf(pair.key);
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          return { key, line, value: toPlain(pair.value, line) };
        });
      },
    });
  }
  return { documents, problems };
}
