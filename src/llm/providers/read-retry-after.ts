import { parseRetryAfter } from '../../lib/parse-retry-after.ts';

/** The subset of `Headers` this module reads, so plain test doubles work too. */
interface HeaderSource {
  get(name: string): string | null;
}

const MILLISECONDS = /^\s*\d+(\.\d+)?\s*$/;

/**
 * How long the vendor asked us to wait, in milliseconds: `retry-after-ms` (OpenAI sends it, in
 * milliseconds) wins over `Retry-After`, which is either seconds or an HTTP date (see
 * `parseRetryAfter`). Returns undefined when neither header is present or readable.
 */
export function readRetryAfter(headers: HeaderSource | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && MILLISECONDS.test(milliseconds)) return Math.ceil(Number(milliseconds));
  return parseRetryAfter(headers.get('retry-after'), now);
}
