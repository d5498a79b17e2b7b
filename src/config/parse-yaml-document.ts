import { LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError, type ConfigProblem } from './config-error.ts';

/** A parsed YAML file with what is needed to point at its lines. */
export interface YamlSource {
  /** The file name used in messages. */
  file: string;
  /** The parsed document, nodes carrying source ranges. */
  doc: Document.Parsed;
  /** Maps source offsets to 1-based lines. */
  lineCounter: LineCounter;
  /** The document as plain data, before schema validation. */
  data: unknown;
}

/**
 * Parses YAML text, keeping line information. Every syntax error (and a duplicate key, which
 * YAML forbids) becomes one line of a ConfigError naming `file` and the line.
 */
export function parseYamlDocument(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = doc.errors.map((error) => ({
    file,
    path: '',
    line: lineCounter.linePos(error.pos[0]).line,
    problem: `YAML syntax error: ${error.message.split('\n')[0] ?? error.code}`,
  }));
  if (problems.length > 0) throw new ConfigError(problems);
  try {
    return { file, doc, lineCounter, data: doc.toJS() };
  } catch (cause) {
    // toJS refuses alias bombs (too many alias expansions); report it like any other bad YAML.
    const problem = `YAML cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`;
    throw new ConfigError([{ file, path: '', problem }], { cause });
  }
}
