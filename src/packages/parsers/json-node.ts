/** A JSON value with the 1-based line where it starts; objects keep every key, repeats included. */
export type JsonNode =
  | { kind: 'object'; line: number; entries: JsonEntry[] }
  | { kind: 'array'; line: number; items: JsonNode[] }
  | { kind: 'string'; line: number; value: string }
  | { kind: 'number'; line: number; value: number }
  | { kind: 'boolean'; line: number; value: boolean }
  | { kind: 'null'; line: number };

/** One `"key": value` member of a JSON object, with the line of the key. */
export interface JsonEntry {
  key: string;
  line: number;
  value: JsonNode;
}

/** The members of an object node, or none for anything else. */
export function jsonEntries(node: JsonNode | undefined): JsonEntry[] {
  return node?.kind === 'object' ? node.entries : [];
}

/** The value of `key` in an object node; the last one wins, as with `JSON.parse`. */
export function jsonMember(node: JsonNode | undefined, key: string): JsonNode | undefined {
  const entries = jsonEntries(node);
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    if (entry?.key === key) return entry.value;
  }
  return undefined;
}

/** The string held by a node, or undefined when it is not a string. */
export function jsonString(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

const KIND_NAMES: Record<JsonNode['kind'], string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

/**
 * The first member of `node` named in `fields` that is present with another kind than the one
 * given, as a sentence (`"version" must be a string`); undefined when every one is absent or right.
 */
export function jsonKindError(node: JsonNode, fields: Readonly<Record<string, JsonNode['kind']>>): string | undefined {
  for (const [field, kind] of Object.entries(fields)) {
    const member = jsonMember(node, field);
    if (member !== undefined && member.kind !== kind) return `"${field}" must be ${KIND_NAMES[kind]}`;
  }
  return undefined;
}
