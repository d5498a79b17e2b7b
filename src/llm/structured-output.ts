import { z } from 'zod';
import type { RouteResult } from './route-request.ts';
import type { OutputSchema } from './types.ts';

const describeIssues = (error: z.ZodError) =>
  error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');

/** The OutputSchema a zod schema is sent as. `$schema` is dropped: vendors' structured-output modes take the schema body only. */
export function toOutputSchema(schema: z.ZodType, name: string): OutputSchema {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
  return { name, jsonSchema };
}

/** Validates an answer against its schema: the parsed `structured` value, else the text as JSON. */
export function validateStructured<T>(schema: z.ZodType<T>, result: RouteResult): { ok: true; value: T } | { ok: false; issues: string } {
  let candidate = result.structured;
  if (candidate === undefined) {
    try {
      candidate = JSON.parse(result.text);
    } catch {
      return { ok: false, issues: 'the answer is not JSON' };
    }
  }
  const parsed = schema.safeParse(candidate);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: describeIssues(parsed.error) };
}
