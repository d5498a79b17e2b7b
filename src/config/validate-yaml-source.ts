import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error.ts';
import { describeZodIssues } from './describe-zod-issues.ts';
import type { YamlSource } from './parse-yaml-document.ts';
import { findYamlLine } from './find-yaml-line.ts';
import { formatConfigPath } from './format-config-path.ts';

/** Problems sorted by line so the message reads top to bottom like the file; unknown lines last. */
function byLine(a: ConfigProblem, b: ConfigProblem): number {
  return (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}

/**
 * Validates a parsed YAML file against `schema` and returns the schema's output. Every issue
 * becomes one line of a ConfigError with the YAML path and, where the node exists, its line.
 */
export function validateYamlSource<S extends z.ZodType>(source: YamlSource, schema: S): z.output<S> {
  if (source.data === null || source.data === undefined) {
    throw new ConfigError([{ file: source.file, path: '', problem: 'file is empty (expected a YAML mapping)' }]);
  }
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  const problems = describeZodIssues(result.error.issues, source.data)
    .map(({ segments, problem }): ConfigProblem => ({
      file: source.file,
      path: formatConfigPath(segments),
      problem,
      line: findYamlLine(source, segments),
    }))
    .sort(byLine);
  throw new ConfigError(problems, { cause: result.error });
}
