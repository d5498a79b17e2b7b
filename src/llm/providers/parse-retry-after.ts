/** The subset of `Headers` this module reads, so plain test doubles work too. */
interface HeaderSource {
  get(name: string): string | null;
}

/**
 * How long the vendor asked us to wait, in milliseconds: `retry-after-ms` (OpenAI sends it, in
 * milliseconds) wins over `Retry-After`, which is either seconds or an HTTP date. An HTTP date
 * in the past gives 0. Returns undefined when neither header is present or readable.
 */
export function parseRetryAfter(headers: HeaderSource | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const milliseconds = toNonNegativeNumber(headers.get('retry-after-ms'));
  if (milliseconds !== undefined) return Math.ceil(milliseconds);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = toNonNegativeNumber(value);
  if (seconds !== undefined) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function toNonNegativeNumber(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}
