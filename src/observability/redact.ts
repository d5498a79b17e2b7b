import { classifySecretKey } from './secret-key-name.ts';
import { SECRET_PATTERNS } from '../config/secret-patterns.ts';

export { SECRET_PATTERNS } from '../config/secret-patterns.ts';
export type { SecretPattern } from '../config/secret-patterns.ts';

/** What every redacted secret is replaced with. */
export const REDACTED = '[REDACTED]';

const GLOBAL_PATTERNS = SECRET_PATTERNS.map(
  ({ pattern }) => new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
);

const DEFAULT_MAX_DEPTH = 10;

/**
 * Replaces every secret found in `text` (see `SECRET_PATTERNS`) with `[REDACTED]`, keeping the
 * context around it (`Authorization: Bearer [REDACTED]`, `postgres://user:[REDACTED]@host`).
 */
export function redactSecrets(text: string): string {
  let result = text;
  for (const pattern of GLOBAL_PATTERNS) result = result.replace(pattern, keepContext);
  return result;
}

function keepContext(...args: unknown[]): string {
  const groups = args.at(-1);
  if (typeof groups !== 'object' || groups === null) return REDACTED;
  let kept = '';
  for (const [name, value] of Object.entries(groups)) {
    if (name.startsWith('keep') && typeof value === 'string') kept += value;
  }
  return kept + REDACTED;
}

/**
 * True when a property of this name holds a secret whatever its value looks like (see
 * `classifySecretKey`: `*secret*`, `*token*`, `*_key`, `*_password`, `credentials`, `cookie`, …).
 */
export function isSecretKey(key: string): boolean {
  return classifySecretKey(key) !== null;
}

// A number or boolean under a name such as `max_tokens` or `secretsFound` is a count or a flag.
function redactsEntry(key: string, item: unknown): boolean {
  if (item === undefined || item === null) return false;
  const kind = classifySecretKey(key);
  if (kind === 'always') return true;
  return kind === 'unless-count' && typeof item !== 'number' && typeof item !== 'boolean' && typeof item !== 'bigint';
}

/** Options of `redactValue`. */
export interface RedactValueOptions {
  /** Nesting below this depth is replaced with `[MaxDepth]`; default 10. */
  maxDepth?: number;
}

/**
 * Returns a deep copy of `value` that is safe to log or post: strings go through
 * `redactSecrets`, properties named like a secret at any depth (`authorization`, `apiKey`,
 * `private_key`, `githubToken`, `credentials`, …; see `classifySecretKey`) become `[REDACTED]`,
 * cycles become `[Circular]`, binary data a size note. Errors stay Errors (same prototype) so log
 * serializers still recognise them. Never throws.
 */
export function redactValue(value: unknown, options: RedactValueOptions = {}): unknown {
  return walk(value, options.maxDepth ?? DEFAULT_MAX_DEPTH, new Set());
}

function walk(value: unknown, depthLeft: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.has(value)) return '[Circular]';
  if (depthLeft <= 0) return '[MaxDepth]';
  ancestors.add(value);
  try {
    return copy(value, depthLeft - 1, ancestors);
  } catch {
    // A throwing getter or a hostile proxy must not take the log line (or the caller) down.
    return '[Unserializable]';
  } finally {
    ancestors.delete(value);
  }
}

function copy(value: object, depthLeft: number, ancestors: Set<object>): unknown {
  const next = (item: unknown): unknown => walk(item, depthLeft, ancestors);
  if (Array.isArray(value)) return value.map(next);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[Binary ${value.byteLength} bytes]`;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Error) return copyError(value, next);
  if (value instanceof Map)
    return copyEntries(
      {},
      [...value].map(([k, v]) => [String(k), v]),
      next,
    );
  if (value instanceof Set) return [...value].map(next);
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return walk(toJSON.call(value), depthLeft + 1, ancestors);
  return copyEntries({}, Object.entries(value), next);
}

function copyEntries<T extends object>(target: T, entries: Array<[string, unknown]>, next: (item: unknown) => unknown): T {
  for (const [key, item] of entries) {
    const redacted = redactsEntry(key, item) ? REDACTED : next(item);
    Object.defineProperty(target, key, { value: redacted, enumerable: true, writable: true, configurable: true });
  }
  return target;
}

function copyError(error: Error, next: (item: unknown) => unknown): Error {
  const result = Object.create(Object.getPrototypeOf(error) as object | null) as Error;
  const hidden = { enumerable: false, writable: true, configurable: true };
  Object.defineProperty(result, 'message', { ...hidden, value: redactSecrets(error.message) });
  if (typeof error.stack === 'string') Object.defineProperty(result, 'stack', { ...hidden, value: redactSecrets(error.stack) });
  if (Object.hasOwn(error, 'name')) Object.defineProperty(result, 'name', { ...hidden, value: error.name });
  if (error.cause !== undefined) Object.defineProperty(result, 'cause', { ...hidden, value: next(error.cause) });
  return copyEntries(result, Object.entries(error), next);
}
