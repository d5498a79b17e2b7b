import { createHash } from 'node:crypto';
import { AosError } from '../../observability/aos-error.ts';

/**
 * Canonical JSON: object keys sorted by code unit, no insignificant whitespace, `undefined`
 * properties omitted. Two equal values always give the same bytes, so their hashes can be compared
 * across processes, databases and time. Values JSON cannot carry faithfully are refused instead of
 * being silently changed (NaN would become null and break replay).
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$');
}

function serialize(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw notCanonical(path, `number ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw notCanonical(path, `a ${typeof value} has no JSON form`);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => (item === undefined ? 'null' : serialize(item, `${path}[${index}]`))).join(',')}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${serialize(item, `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}

function notCanonical(path: string, why: string): AosError {
  return new AosError('not_canonical', `cannot store value at ${path}: ${why}`);
}

/** SHA-256 of a string, lower-case hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 of a value's canonical JSON. */
export function hashCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
