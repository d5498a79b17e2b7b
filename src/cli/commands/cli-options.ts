import { UsageError } from '../usage-error.ts';

/** The parsed option values a command receives. */
type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** A string option's value, or undefined when absent; an empty value is bad usage. */
export function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

/** An integer option within `min`..`max`, or `fallback` when absent. */
export function integerOption(values: Values, name: string, fallback: number, range: { min: number; max?: number }): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(value) || value < range.min || value > max) {
    throw new UsageError(
      `--${name} must be a whole number${range.max === undefined ? ` of at least ${range.min}` : ` from ${range.min} to ${range.max}`}, not "${text}"`,
    );
  }
  return value;
}

/** A positive decimal option (e.g. an amount in EUR), or undefined when absent. */
export function positiveNumberOption(values: Values, name: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a positive number, not "${text}"`);
  return value;
}
