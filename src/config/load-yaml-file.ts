import type { z } from 'zod';
import { readYamlSource } from './read-yaml-source.ts';
import { validateYamlSource } from './validate-yaml-source.ts';

/**
 * Reads, parses and validates one YAML file against `schema` (strict objects: unknown keys are
 * errors). Returns the schema's output; throws ConfigError naming the file, the YAML path, the
 * line and the problem, for a missing file, bad YAML or a schema violation.
 */
export function loadYamlFile<S extends z.ZodType>(filePath: string, schema: S, label: string = filePath): z.output<S> {
  return validateYamlSource(readYamlSource(filePath, label), schema);
}
