import type { z } from 'zod';
import { parseYamlDocument } from './parse-yaml-document.ts';
import { validateYamlSource } from './validate-yaml-source.ts';

/**
 * Parses and validates YAML text that did not come from a local file (a test fixture, the
 * `.github/aos.yml` read from a repository). `fileLabel` is the name used in messages.
 * Throws ConfigError with every problem, each with its line where known.
 */
export function parseYamlText<S extends z.ZodType>(text: string, schema: S, fileLabel: string): z.output<S> {
  return validateYamlSource(parseYamlDocument(text, fileLabel), schema);
}
