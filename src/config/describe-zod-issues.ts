import type { z } from 'zod';

/** A schema issue reduced to where it is (raw path segments) and what is wrong. */
export interface IssueProblem {
  /** Path segments into the input, including the offending key for unknown keys. */
  segments: PropertyKey[];
  /** One-line description, never containing the offending value. */
  problem: string;
}

/** True when `segments` names a key that is absent from an object in `input`. */
function isMissingKey(input: unknown, segments: readonly PropertyKey[]): boolean {
  let value: unknown = input;
  for (const [index, segment] of segments.entries()) {
    if (value === null || typeof value !== 'object') return false;
    if (!Object.hasOwn(value, segment)) return index === segments.length - 1 && !Array.isArray(value);
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return false;
}

/**
 * Flattens zod issues into one problem per location. Unknown keys become one problem each, with the
 * key in the path; a required key that is absent reads "missing required key" rather than zod's
 * "expected X, received undefined".
 */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown): IssueProblem[] {
  return issues.flatMap((issue): IssueProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ segments: [...issue.path, key], problem: 'unknown key (not allowed here; check the spelling)' }));
    }
    if (issue.code === 'invalid_key') {
      // zod says only "Invalid key in record"; the key schema's own message says what a key must be.
      return [{ segments: issue.path, problem: issue.issues.map((inner) => inner.message).join('; ') || issue.message }];
    }
    if (issue.code === 'invalid_type' && isMissingKey(input, issue.path)) {
      return [{ segments: issue.path, problem: `missing required key (expected ${issue.expected})` }];
    }
    return [{ segments: issue.path, problem: issue.message }];
  });
}
