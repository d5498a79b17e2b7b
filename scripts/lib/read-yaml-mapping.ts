import fs from 'node:fs';
import { parse } from 'yaml';

/** A YAML file's top-level mapping, or a sentence saying why there is none. */
export function readYamlMapping(file: string): Record<string, unknown> | string {
  if (!fs.existsSync(file)) return 'not found';
  try {
    const document = parse(fs.readFileSync(file, 'utf8')) as unknown;
    return document !== null && typeof document === 'object' && !Array.isArray(document)
      ? (document as Record<string, unknown>)
      : 'is not a YAML mapping';
  } catch (error) {
    return `is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** The value at a dotted path inside a parsed document, or undefined. */
export function valueAt(document: unknown, dotted: string): unknown {
  let current = document;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
